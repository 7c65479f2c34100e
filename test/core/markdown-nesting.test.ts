import { describe, expect, test } from "@jest/globals";
import type { Root, RootContent } from "mdast";
import { MAX_LINE_NESTING, parseMarkdown } from "../../src/core/markdown.js";
import { parseSep } from "../../src/features/seps/parse-sep.js";

/** Deepest chain of nested containers in a tree. */
function depthOf(node: Root | RootContent): number {
  const children = "children" in node ? (node.children as RootContent[]) : [];
  const own = node.type === "blockquote" || node.type === "list" ? 1 : 0;
  return own + Math.max(0, ...children.map(depthOf));
}

describe("parseMarkdown on hostile nesting", () => {
  // One 64 KB comment of each kind: unguarded, these nest the tree thousands deep (micromark needed minutes, or overflowed the stack).
  test.each([
    ["list markers", "- ".repeat(32_000) + "x"],
    ["blockquotes", ">".repeat(64_000) + " x"],
    ["quote and list", "> - ".repeat(16_000) + "x"],
    ["ordered", "1. ".repeat(21_000) + "x"],
  ])("%s: parsed in well under a second, depth capped, nothing thrown", (_name, text) => {
    const started = performance.now();
    const root = parseMarkdown(text);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(depthOf(root)).toBeLessThanOrEqual(2 * MAX_LINE_NESTING);
  });

  test("lines keep their numbers: a SEP header after a hostile line is still found at its line", () => {
    const text = ["# SEP-12: Title", "", "- ".repeat(5_000) + "x", "", "A paragraph."].join("\n");
    const root = parseMarkdown(text);
    expect(root.children.at(-1)?.position?.start.line).toBe(5);
    expect(parseSep(["# SEP-12: Title", "", "- **Status**: Draft", "", "> ".repeat(5_000) + "x"].join("\n")).fields[0]).toMatchObject({ canonicalName: "Status", line: 3 });
  });

  test("ordinary nesting is untouched", () => {
    const text = "> quote\n> - item\n>   - nested\n>     1. deeper\n";
    expect(depthOf(parseMarkdown(text))).toBe(4);
  });
});
