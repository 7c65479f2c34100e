/**
 * A SEP's outline without parsing the whole file: its ATX headings (`## Abstract`) and HTML
 * heading lines (`<h2>Abstract</h2>`), outside fenced code blocks, with their lines. The rules read
 * a SEP's sections by heading alone, so a real SEP (up to 65 KB of prose) costs one pass over its
 * lines instead of a markdown parse; only the header above the first section is parsed as markdown.
 * Headings nested in a list item or a quote are not sections, as before: their line starts with the
 * container's marker (`>`, `-`), which this reader does not treat as a heading.
 */
export interface OutlineHeading {
  depth: number;
  /** The heading's text as written (inline markdown not yet read). */
  raw: string;
  line: number;
  html: boolean;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_HEADING = /^\s*<h([1-6])[^>]*>(.*?)<\/h\1>/i;

/** The file's lines, as markdown counts them (CR, LF and CRLF all end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

export function scanOutline(lines: readonly string[]): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const opening = FENCE.exec(line);
    if (fence !== null) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (opening && opening[1]![0] === fence[0] && opening[1]!.length >= fence.length && line.slice(opening[0].length).trim() === "") fence = null;
      return;
    }
    // A backtick fence's info string may not hold a backtick (then the line is inline code).
    if (opening && !(opening[1]![0] === "`" && line.slice(opening[0].length).includes("`"))) {
      fence = opening[1]!;
      return;
    }
    const atx = ATX.exec(line);
    if (atx) {
      headings.push({ depth: atx[1]!.length, raw: atx[2] ?? "", line: i + 1, html: false });
      return;
    }
    const html = HTML_HEADING.exec(line);
    if (html) headings.push({ depth: Number(html[1]), raw: html[2]!.replace(/<[^>]*>/g, "").trim(), line: i + 1, html: true });
  });
  return headings;
}
