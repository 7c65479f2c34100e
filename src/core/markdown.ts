import type { Root } from "mdast";
import { toMdast } from "./markdown-mdast.js";
import { tokenizeMarkdown } from "./markdown-tokens.js";

/** Containers (`>`, list markers) one line may open; no real document comes near it. */
export const MAX_LINE_NESTING = 32;

// The container markers a line starts with: `> > - 1. …`.
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$))+/;
const MARKER = /(>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)/g;

/**
 * A line that opens hundreds of containers (`"- ".repeat(32768)`, one 64 KB comment) nests the
 * tree as deep: markdown-it stops at its `maxNesting` (100 levels) and drops what is deeper, and
 * every reader of the tree recurses through it. Markers past the limit become spaces, so the text
 * is kept and lines and columns (the positions findings report) stay exactly where they were.
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
