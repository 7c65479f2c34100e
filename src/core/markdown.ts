import type { Root } from "mdast";
import { toMdast } from "./markdown-mdast.js";
import { tokenizeMarkdown } from "./markdown-tokens.js";

/** Containers (`>`, list markers) one line may open; no real document comes near it. */
export const MAX_LINE_NESTING = 32;

// A line that starts with more than MAX_LINE_NESTING container markers (`> > - 1. …`): one regex
// pass over the text, so ordinary lines cost no callback.
const DEEP_PREFIX = new RegExp(`^(?:[ \\t]*(?:>|[-*+]|\\d{1,9}[.)])(?=[ \\t>]|$)){${MAX_LINE_NESTING + 1},}`, "gm");
const KEPT_PREFIX = new RegExp(`^(?:[ \\t]*(?:>|[-*+]|\\d{1,9}[.)])(?=[ \\t>]|$)){${MAX_LINE_NESTING}}`);

/**
 * A line that opens hundreds of containers (`"- ".repeat(32768)`, one 64 KB comment) nests the
 * tree as deep: markdown-it stops at its `maxNesting` (100 levels) and drops what is deeper, and
 * every reader of the tree recurses through it. Markers past the limit become spaces, so the text
 * is kept and lines and columns (the positions findings report) stay exactly where they were.
 */
function flattenDeepNesting(text: string): string {
  return text.replace(DEEP_PREFIX, (prefix) => {
    const kept = KEPT_PREFIX.exec(prefix)![0].length;
    // The prefix is markers and blanks only: past the kept ones, every marker character goes.
    return prefix.slice(0, kept) + prefix.slice(kept).replace(/[^ \t]/g, " ");
  });
}

/**
 * Parses markdown (GitHub flavour: tables, strikethrough, task lists, autolinked URLs) into an
 * mdast tree. Never throws on text, and takes time linear in its length: markdown-it's block
 * parser is linear, and inline parsing (where hostile text costs most) runs within a budget (see
 * markdown-tokens.ts), so a 64 KB comment of any content parses in a few tens of milliseconds.
 */
export function parseMarkdown(text: string): Root {
  const flat = flattenDeepNesting(text);
  return toMdast(tokenizeMarkdown(flat), flat);
}
