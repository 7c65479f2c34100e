import { describe, expect, test } from "@jest/globals";
import { parseMarkdown } from "../../src/core/markdown.js";

const doc = [
  "# SEP-1: Title",
  "",
  "**Status**: Draft",
  "",
  "## Abstract",
  "",
  "Some **bold** body text.",
  "",
  "<h2>Legacy</h2>",
  "",
  "## Motivation",
].join("\n");

describe("parseMarkdown for readers that need only a document's top and its outline", () => {
  test("inlineStop: blocks before the stop heading keep their inline structure; later ones are plain text", () => {
    const tree = parseMarkdown(doc, { inlineStop: (headings) => headings.findIndex((h) => h.depth === 2) });
    const [, header, , body] = tree.children;
    expect(header).toMatchObject({ type: "paragraph", children: [{ type: "strong" }, { type: "text", value: ": Draft" }] });
    expect(body).toMatchObject({ type: "paragraph", children: [{ type: "text", value: "Some **bold** body text." }] });
  });

  test("outlineAfterStop: past the stop heading only headings and HTML blocks remain, with their lines", () => {
    const tree = parseMarkdown(doc, { inlineStop: (headings) => headings.findIndex((h) => h.depth === 2), outlineAfterStop: true });
    expect(tree.children.map((n) => [n.type, n.position?.start.line])).toEqual([
      ["heading", 1], ["paragraph", 3], ["heading", 5], ["html", 9], ["heading", 11],
    ]);
  });

  test("without options every block is parsed in full", () => {
    expect(parseMarkdown(doc).children.map((n) => n.type)).toEqual(["heading", "paragraph", "heading", "paragraph", "html", "heading"]);
  });
});
