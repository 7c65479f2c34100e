import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "@jest/globals";
import type { Nodes, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { parseCommands } from "../../src/core/commands.js";
import { MAX_LINE_NESTING, parseMarkdown } from "../../src/core/markdown.js";
import { MAX_INLINE_RUN, MAX_TABLE_CELLS } from "../../src/core/markdown-tokens.js";
import { parseRequest } from "../../src/features/intake/parse-request.js";
import { parseSep } from "../../src/features/seps/parse-sep.js";
import { parseCharter } from "../../src/registry/parse-charter.js";
import { DRAFT_SEPS_DIR } from "../support/shared-fixtures.js";

// GitHub's limit for an issue body or a comment: every parser must take any text of this size.
const LIMIT = 65_536;
const fill = (unit: string, size = LIMIT): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
/** Hostile runs cut into paragraphs, each under the one-run limit, so the document budget is what bounds them. */
/** A header followed by rows, the whole `size` characters long. */
const table = (header: string, row: string): string => header + fill(row, LIMIT - header.length);
const paragraphs = (unit: string): string => fill(fill(unit, 4_000) + "\n\n");

const HOSTILE: ReadonlyArray<[string, string]> = [
  ["emphasis runs *_", fill("*_")],
  ["strong runs **a", fill("**a")],
  ["underscore runs __a", fill("__a")],
  ["strikethrough runs ~~a", fill("~~a")],
  ["*_ in paragraphs", paragraphs("*_")],
  ["**a in paragraphs", paragraphs("**a")],
  ["~~a in paragraphs", paragraphs("~~a")],
  ["one long line", fill("a")],
  ["backtick runs", fill("`")],
  ["backticks and words", paragraphs("` a")],
  ["fence runs", fill("```\n")],
  ["indented code", fill("    a\n")],
  ["a 2-column table of 11k rows", table("|a|b|\n|-|-|\n", "|x|y|\n")],
  ["a 100-column table", table("|" + "a|".repeat(100) + "\n|" + "-|".repeat(100) + "\n", "|x".repeat(100) + "|\n")],
  ["a 20,000-column header", ("|" + "a|".repeat(20_000) + "\n|" + "-|".repeat(20_000) + "\n").slice(0, LIMIT)],
  ["30k pipe-less rows", table("a|b\n-|-\n", "x\n")],
  ["cells of hostile inline", table("|a|b|\n|-|-|\n", "|" + fill("![", 300) + "|" + fill("*_", 300) + "|\n")],
  ["11k headings", fill("### h\n")],
  ["headings of brackets", fill("### " + fill("[![", 1_000) + "\n")],
  ["setext headings", fill("a\n-\n")],
  ["links", paragraphs("[a](b) ")],
  ["reference links", paragraphs("[a][b] ")],
  ["reference definitions", fill("[a]: b\n")],
  ["brackets", paragraphs("[")],
  ["nested image links", paragraphs("[![")],
  ["images", paragraphs("![")],
  ["entities", paragraphs("&amp;")],
  ["inline HTML openings", paragraphs("<a ")],
  ["HTML comment openings", fill("<!--")],
  ["HTML blocks", fill("<div>\n")],
  ["autolinks", paragraphs("<http://a ")],
  ["bare URLs", paragraphs("http://a.b ")],
  ["escapes", paragraphs("\\*")],
  ["mixed markup", paragraphs("*_[`<&~!\\")],
  ["quotes", fill("> ")],
  ["list markers", fill("- ")],
  ["quote and list nesting", fill("> - ")],
  ["ordered and bullet nesting", fill("1. - ")],
  ["tabbed lists", fill("\t- ")],
  ["task items", fill("- [ ] a\n")],
  ["blank lines", fill("\n")],
  ["CRs", fill("\r")],
  ["CRLF lines", fill("a\r\n")],
  ["prose", paragraphs("Hello **world** and _some_ [link](http://x) `code`.\n")],
];

/** Every node of a tree, parents before children. */
function nodesOf(node: Nodes): Nodes[] {
  return [node, ...("children" in node ? (node.children as Nodes[]).flatMap(nodesOf) : [])];
}

function depthOf(node: Root | RootContent): number {
  const children = "children" in node ? (node.children as RootContent[]) : [];
  const own = node.type === "blockquote" || node.type === "list" ? 1 : 0;
  return own + Math.max(0, ...children.map(depthOf));
}

describe("parseMarkdown on 64 KB of hostile text", () => {
  test.each(HOSTILE)("%s: a sane tree, lines within the text, and every caller reads it", (_name, text) => {
    expect(text.length).toBeLessThanOrEqual(LIMIT);
    const root = parseMarkdown(text);
    const lineCount = text.split(/\r\n|\r|\n/).length;
    expect(root.type).toBe("root");
    expect(depthOf(root)).toBeLessThanOrEqual(2 * MAX_LINE_NESTING);
    // One expectation for the whole tree (an expect per node would cost seconds on 100k nodes).
    const misplaced = nodesOf(root).filter((node) => {
      const { start, end } = node.position ?? { start: { line: 0 }, end: { line: 0 } };
      return start.line < 1 || end.line < start.line || end.line > lineCount;
    });
    expect(misplaced).toEqual([]);
    // Text is never lost: whatever the budget left unparsed is still there as text.
    if (/[a-z]/.test(text)) expect(toString(root).length).toBeGreaterThan(0);
    expect(() => parseSep(text)).not.toThrow();
    expect(() => parseCommands(text)).not.toThrow();
    expect(() => parseRequest(text, "wg")).not.toThrow();
    expect(() => parseCharter({ path: "docs/working-groups/hostile.md", text, folderKind: "wg" })).not.toThrow();
  });
});

describe("the inline budget", () => {
  test("a run longer than MAX_INLINE_RUN is kept as written, one text node", () => {
    const run = fill("**a** ", MAX_INLINE_RUN + 6);
    const [para] = parseMarkdown(run).children;
    expect(para).toMatchObject({ type: "paragraph", children: [{ type: "text", value: run.trim() }] });
  });

  test("a shorter run with the same markup is parsed", () => {
    const [para] = parseMarkdown("**a** and `b`").children;
    expect(para).toMatchObject({ type: "paragraph", children: [{ type: "strong" }, { type: "text", value: " and " }, { type: "inlineCode", value: "b" }] });
  });

  test("once hostile paragraphs have spent the budget, the rest are text as written, and headings are still parsed", () => {
    const run = fill("[![", 4_000);
    const text = Array.from({ length: 8 }, () => run).join("\n\n") + "\n\n## The `Abstract`\n";
    const root = parseMarkdown(text);
    const heading = root.children.find((n) => n.type === "heading");
    expect(heading).toMatchObject({ depth: 2, children: [{ type: "text", value: "The " }, { type: "inlineCode", value: "Abstract" }] });
    expect(root.children.at(-2)).toMatchObject({ type: "paragraph", children: [{ type: "text", value: run }] });
  });

  test("the largest real SEP (65 KB) is parsed in full: the budget is far above real documents", () => {
    const text = readFileSync(join(DRAFT_SEPS_DIR, "2640-skills-extension.md"), "utf8");
    const root = parseMarkdown(text);
    // Its last list item, 64 KB in, still has its link parsed (past the budget it would be text).
    const lastItem = nodesOf(root).filter((n) => n.type === "listItem").at(-1)!;
    expect(nodesOf(lastItem).map((n) => n.type)).toContain("link");
  });
});

describe("the table budget", () => {
  test("rows past MAX_TABLE_CELLS are read as paragraph text, the rows before stay a table", () => {
    const rows = MAX_TABLE_CELLS; // each row counts as 4 cells (its pipes plus one): well past the budget
    const text = "|a|b|\n|-|-|\n" + "|x|y|\n".repeat(rows);
    const [table, rest] = parseMarkdown(text).children;
    expect(table?.type).toBe("table");
    const kept = (table as { children: unknown[] }).children.length;
    expect(kept).toBeGreaterThan(1_000);
    expect(kept).toBeLessThan(rows);
    expect(rest).toMatchObject({ type: "paragraph", position: { start: { line: kept + 2 } } });
  });
});

describe("the mdast tree", () => {
  test("blocks carry line, column and offset; CRLF and CR line endings are counted as GitHub does", () => {
    const text = "intro\r\n\r\n  ### Heading\r\nmore\rlast";
    const root = parseMarkdown(text);
    const heading = root.children[1]!;
    expect(heading.position!.start).toEqual({ line: 3, column: 3, offset: text.indexOf("###") });
    expect(root.children[2]!.position!.start.line).toBe(4);
  });

  test("lines after a multi-line code span, link title or image keep their numbers", () => {
    const text = ["`a", "b` then [x](y \"a", "title\") ![i", "mg](z)", "**Field**: value"].join("\n");
    const [para] = parseMarkdown(text).children;
    const strong = (para as { children: Nodes[] }).children.find((n) => n.type === "strong");
    expect(strong?.position?.start.line).toBe(5);
    expect(parseCommands("`a\n/veto` and\n/vote")).toEqual([{ name: "vote", args: [], rest: "", line: 3 }]);
  });

  test("GitHub flavour: task items, table alignment, strikethrough, autolinked URLs, raw HTML", () => {
    const root = parseMarkdown(["- [x] done", "- [ ] open", "", "|l|c|r|", "|:-|:-:|-:|", "|1|2|3|", "", "~~old~~ https://github.com/alice <b>x</b>"].join("\n"));
    const [list, table, para] = root.children;
    expect(list).toMatchObject({ type: "list", ordered: false, children: [{ checked: true }, { checked: false }] });
    expect(toString(list!)).toBe("doneopen");
    expect(table).toMatchObject({ type: "table", align: ["left", "center", "right"], children: [{ type: "tableRow" }, { type: "tableRow" }] });
    expect((para as { children: Nodes[] }).children.map((n) => n.type)).toEqual(["delete", "text", "link", "text", "html", "text", "html"]);
  });

  test("links keep their URL as written (no percent-encoding), reference links resolve", () => {
    const [para] = parseMarkdown("[a](<https://github.com/ä b>) [c][d]\n\n[d]: https://example.com/d").children;
    const links = (para as { children: Nodes[] }).children.filter((n) => n.type === "link");
    expect(links.map((l) => (l as { url: string }).url)).toEqual(["https://github.com/ä b", "https://example.com/d"]);
  });
});
