import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Root } from "mdast";

const parser = unified().use(remarkParse).use(remarkGfm);

/** Containers (`>`, list markers) one line may open; no real document comes near it. */
export const MAX_LINE_NESTING = 32;

// The container markers a line starts with: `> > - 1. …`.
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$))+/;
const MARKER = /(>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)/g;

/**
 * micromark's cost grows with the square of a line's container depth: `"- ".repeat(32768)` (one
 * 64 KB comment) takes minutes and deeper input overflows the stack. Markers past the limit become
 * spaces, so lines and columns (the positions findings report) stay exactly where they were.
 */
function flattenDeepNesting(text: string): string {
  return text.replace(/^.*$/gm, (line) => {
    const prefix = CONTAINER_PREFIX.exec(line)?.[0];
    if (!prefix) return line;
    let seen = 0;
    const kept = prefix.replace(MARKER, (marker) => (++seen > MAX_LINE_NESTING ? " ".repeat(marker.length) : marker));
    return seen > MAX_LINE_NESTING ? kept + line.slice(prefix.length) : line;
  });
}

/** Parses markdown (GitHub flavour: tables, task lists) into an mdast tree. Never throws on text. */
export function parseMarkdown(text: string): Root {
  return parser.parse(flattenDeepNesting(text)) as Root;
}
