import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Root } from "mdast";

const parser = unified().use(remarkParse).use(remarkGfm);

/** Parses markdown (GitHub flavour: tables, task lists) into an mdast tree. Never throws on text. */
export function parseMarkdown(text: string): Root {
  return parser.parse(text) as Root;
}
