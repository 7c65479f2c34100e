import { describe, expect, test } from "@jest/globals";
import { parseSep } from "../../src/features/seps/parse-sep.js";
import { scanOutline } from "../../src/core/markdown-outline.js";

const outline = (text: string) => scanOutline(text).map((h) => [h.depth, h.raw, h.line, h.html]);

describe("a document's outline, read line by line", () => {
  test("ATX headings with their lines; closing #s dropped; `#tag` and quoted or listed headings are not headings", () => {
    expect(outline("# SEP-1: T\n\n## Abstract ##\n#hashtag\n> ## quoted\n- ## listed\n    ## indented code\n   ### three spaces")).toEqual([
      [1, "SEP-1: T", 1, false], [2, "Abstract", 3, false], [3, "three spaces", 8, false],
    ]);
  });

  test("nothing inside a fence counts, whatever its length or character; a shorter or different fence does not close it", () => {
    const text = ["````md", "## in code", "```", "## still code", "````", "## after", "~~~", "# tilde code", "~~~", "## end"].join("\n");
    expect(outline(text)).toEqual([[2, "after", 6, false], [2, "end", 10, false]]);
  });

  test("a line of backticks holding a backtick is inline code, not a fence", () => {
    expect(outline("``` `x` ```\n## real")).toEqual([[2, "real", 2, false]]);
  });

  test("HTML headings count, tags stripped; CRLF and CR end lines too", () => {
    expect(outline("<h2>Abstract <em>now</em></h2>\r\n## Two\r## Three")).toEqual([
      [2, "Abstract now", 1, true], [2, "Two", 2, false], [2, "Three", 3, false],
    ]);
  });

  test("a multi-line HTML comment hides markdown headings but not `<h2>` lines; offsets point at the heading", () => {
    expect(outline("<!--\n## hidden\n<h2>Shown</h2>\n-->\n## after")).toEqual([[2, "Shown", 3, true], [2, "after", 5, false]]);
    expect(scanOutline("x\r\n  ### Three").map((h) => h.offset)).toEqual([5]);
  });

  test("parseSep reads each heading's text as a reader sees it, and the header above the first section", () => {
    const sep = parseSep("# SEP-7: Seven\n\n- **Status**: Draft\n\n## **Abstract**\n\nText with `## not a heading`.\n\n```\n## code\n```\n\n## `Motivation`\n");
    expect(sep.sections.map((s) => [s.key, s.line])).toEqual([["abstract", 5], ["motivation", 13]]);
    expect(sep.fields.map((f) => [f.canonicalName, f.value])).toEqual([["Status", "Draft"]]);
    expect(sep.lineCount).toBe(14);
  });
});
