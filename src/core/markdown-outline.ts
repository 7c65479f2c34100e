import type { Heading } from "mdast";
import { toString } from "mdast-util-to-string";
import { parseMarkdown } from "./markdown.js";

/**
 * A document's outline without parsing the whole document: its top-level ATX headings
 * (`## Abstract`) and HTML heading lines (`<h2>Abstract</h2>`), outside fenced code blocks and
 * multi-line HTML comments, with their lines. Readers that look only for sections (a SEP's rules,
 * an issue form's questions) pay one pass over the lines instead of a markdown parse, whatever the
 * text between the headings holds (a 64 KB table costs its line count). Headings nested in a list
 * item or a quote are not top-level: their line starts with the container's marker (`>`, `-`),
 * which this reader does not take for a heading.
 */
export interface OutlineHeading {
  depth: number;
  /** The heading's text as written (inline markdown not read; see `readHeadingTexts`). */
  raw: string;
  line: number;
  /** Offset in the text of the line's first non-blank character. */
  offset: number;
  html: boolean;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_HEADING = /^\s*<h([1-6])[^>]*>(.*?)<\/h\1>/i;
const COMMENT_START = /^ {0,3}<!--/;
const LINE = /[^\r\n]*(?:\r\n?|\n|$)/g;

/** The file's lines, as markdown counts them (CR, LF and CRLF all end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

export function scanOutline(text: string): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  let fence: string | null = null;
  let inComment = false;
  let lineNumber = 0;
  for (const m of text.matchAll(LINE)) {
    if (m.index === text.length && m[0] === "" && lineNumber > 0) break;
    lineNumber++;
    const line = m[0].replace(/\r?\n$|\r$/, "");
    const offset = m.index + (line.length - line.trimStart().length);
    const opening = FENCE.exec(line);
    if (fence !== null) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (opening && opening[1]![0] === fence[0] && opening[1]!.length >= fence.length && line.slice(opening[0].length).trim() === "") fence = null;
      continue;
    }
    const html = HTML_HEADING.exec(line);
    if (inComment) {
      // An HTML comment block holds no markdown heading, but its `<h2>` lines still name sections.
      if (html) headings.push({ depth: Number(html[1]), raw: stripTags(html[2]!), line: lineNumber, offset, html: true });
      if (line.includes("-->")) inComment = false;
      continue;
    }
    // A backtick fence's info string may not hold a backtick (then the line is inline code).
    if (opening && !(opening[1]![0] === "`" && line.slice(opening[0].length).includes("`"))) {
      fence = opening[1]!;
      continue;
    }
    if (COMMENT_START.test(line)) {
      inComment = !line.slice(line.indexOf("<!--") + 4).includes("-->");
      if (html) headings.push({ depth: Number(html[1]), raw: stripTags(html[2]!), line: lineNumber, offset, html: true });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) headings.push({ depth: atx[1]!.length, raw: atx[2] ?? "", line: lineNumber, offset, html: false });
    else if (html) headings.push({ depth: Number(html[1]), raw: stripTags(html[2]!), line: lineNumber, offset, html: true });
  }
  return headings;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, "").trim();
}

// Characters that can start inline markdown (emphasis, code, links, HTML, entities, escapes).
const INLINE_MARKUP = /[*_`[\]<>!&\\~]/;

/**
 * Each markdown heading's text as a reader sees it (`## **Abstract**` → `Abstract`). A heading
 * without inline markup is its own text; the others are read in one parse for all.
 */
export function readHeadingTexts(headings: readonly OutlineHeading[]): string[] {
  const texts = headings.map((h) => h.raw.trim());
  const marked = headings.flatMap((h, i) => (INLINE_MARKUP.test(h.raw) ? [i] : []));
  if (marked.length === 0) return texts;
  const source = marked.map((i) => `${"#".repeat(headings[i]!.depth)} ${headings[i]!.raw}`);
  const parsed = parseMarkdown(source.join("\n\n")).children.filter((n): n is Heading => n.type === "heading");
  // Never seen otherwise (each source line is one heading): then one parse each.
  const read = parsed.length === marked.length ? parsed.map((h) => toString(h)) : source.map((one) => toString(parseMarkdown(one)));
  marked.forEach((i, k) => (texts[i] = read[k]!.trim()));
  return texts;
}
