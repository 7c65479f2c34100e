import type { Heading, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { parseMarkdown } from "../../core/markdown.js";
import { readHeaderBlock, toSepFields, type HeaderFormat, type SepField } from "./parse-header.js";
import { readHeadingTexts, scanOutline, splitLines } from "../../core/markdown-outline.js";

export type { SepField, FieldVariant, HeaderFormat } from "./parse-header.js";

/**
 * How the H1 was written: `# SEP-123: Title` is canonical; the others are tolerated forms seen in
 * real files (`SEP-DRAFT:`, `SEP 1938:`, `SEP:` without a number, a title with no `SEP` prefix).
 */
export type TitleForm = "canonical" | "draft" | "space" | "no-number" | "no-prefix" | "missing";

export interface SepTitle {
  form: TitleForm;
  /** The number written in the H1 (0 for `SEP-0000`), null when there is none. */
  number: number | null;
  text: string;
  line: number;
}

export interface SepSection {
  /** Heading text as written, e.g. `2. Abstract`. */
  text: string;
  /** Text without numbering, trailing colon and case: `abstract`. */
  key: string;
  depth: number;
  line: number;
  /** Written as an HTML `<h2>` rather than a markdown heading. */
  html?: boolean;
}

export interface SepWorkingGroup {
  name: string;
  line: number;
  /** `field`: a `Working Group` header field; `authors`: "on behalf of the X Working Group". */
  source: "field" | "authors";
}

/** The opening line of a front-matter block at the top of the file (`---`, `---js`, `+++`). */
export interface SepFrontMatter {
  opening: string;
  /** `---` or `---yaml`: YAML, the only front matter markdown tools agree on. */
  yaml: boolean;
  line: number;
}

export interface ParsedSep {
  /** The SEP number from the H1, else from a `SEP`/`SEP Number` header field; null when absent. */
  number: number | null;
  /** The title from the H1 (without the `SEP-N:` prefix), else from a `Title` field. */
  title: string;
  heading: SepTitle;
  headerFormat: HeaderFormat;
  /** Line where the header starts (0 when there is no header). */
  headerLine: number;
  fields: SepField[];
  sections: SepSection[];
  workingGroup?: SepWorkingGroup;
  frontMatter?: SepFrontMatter;
  lineCount: number;
}

const TITLE_PATTERNS: ReadonlyArray<[RegExp, TitleForm]> = [
  [/^SEP-(\d+)\s*:\s*(.*)$/i, "canonical"],
  [/^SEP-DRAFT\s*:\s*(.*)$/i, "draft"],
  [/^SEP\s+#?(\d+)\s*:\s*(.*)$/i, "space"],
  [/^SEP\s*:\s*(.*)$/i, "no-number"],
];

/** Reads the H1 text (one line, not the file) into its form, number and title. */
export function parseTitle(text: string, line: number): SepTitle {
  const clean = text.trim();
  for (const [pattern, form] of TITLE_PATTERNS) {
    const m = pattern.exec(clean);
    if (!m) continue;
    const hasNumber = form === "canonical" || form === "space";
    return {
      form,
      number: hasNumber ? Number(m[1]) : null,
      text: (hasNumber ? m[2] : m[1])!.trim(),
      line,
    };
  }
  return { form: "no-prefix", number: null, text: clean, line };
}

/** `## 2. Abstract:` → `abstract`. */
export function sectionKey(text: string): string {
  return text
    .trim()
    .replace(/^(\d+(\.\d+)*\.?|[IVX]+\.)\s+/i, "")
    .replace(/[:.]\s*$/, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

// `---js`, `--- toml`, `+++` (TOML), `---` (YAML): the opening line of a front-matter block.
const FRONT_MATTER_OPENING = /^(?:---[ \t]*([A-Za-z][\w+-]{0,19})?|\+\+\+)[ \t]*$/;

/** The front-matter opening on the first line (after a byte-order mark), if the file has one. */
function findFrontMatter(firstLine: string): SepFrontMatter | undefined {
  const line = firstLine.replace(/^\uFEFF/, "").replace(/\r$/, "");
  const m = FRONT_MATTER_OPENING.exec(line);
  if (!m) return undefined;
  const language = line.startsWith("+++") ? "toml" : (m[1] ?? "yaml").toLowerCase();
  return { opening: line.trim(), yaml: language === "yaml" || language === "yml", line: 1 };
}

function isPreambleHeading(node: RootContent): boolean {
  return node.type === "heading" && sectionKey(toString(node)) === "preamble";
}

const ON_BEHALF = /on behalf of (?:the )?(.+?)\s+(Working Group|WG|Interest Group|IG)\b/i;

function findWorkingGroup(fields: readonly SepField[]): SepWorkingGroup | undefined {
  const field = fields.find((f) => f.canonicalName === "Working Group");
  if (field) return { name: field.value, line: field.line, source: "field" };
  for (const f of fields) {
    if (f.canonicalName !== "Author(s)") continue;
    const m = ON_BEHALF.exec(f.value);
    if (m) return { name: `${m[1]!.trim()} ${m[2]!}`, line: f.line, source: "authors" };
  }
  return undefined;
}

/**
 * Parses a SEP markdown file (GitHub-flavoured, see core/markdown.ts) into its number, title, header fields and sections,
 * each with its line. Never throws on text: whatever the author wrote, the result says what was
 * found, and the rules (validate-sep.ts) say what is wrong with it.
 */
export function parseSep(text: string): ParsedSep {
  const known = recent.get(text);
  if (known) return known;
  const parsed = readSep(text);
  recent.set(text, parsed);
  if (recent.size > RECENT_SEPS) recent.delete(recent.keys().next().value!);
  return parsed;
}

/**
 * The check run reads each file's text several times (sponsors, registry, status, rules) and the
 * CLI twice (sponsors, rules): the last few results are kept, keyed by the text itself, and frozen
 * because they are shared.
 */
const RECENT_SEPS = 8;
const recent = new Map<string, ParsedSep>();

function readSep(text: string): ParsedSep {
  const lines = splitLines(text);
  const outline = scanOutline(text);
  const marked = outline.filter((h) => !h.html);
  const texts = readHeadingTexts(marked);
  // The header ends at the first heading after the H1 (or from the top) that is not `Preamble`:
  // only the lines above it are parsed as markdown.
  const h1 = marked.findIndex((h) => h.depth === 1);
  const end = marked.findIndex((h, i) => i > h1 && sectionKey(texts[i]!) !== "preamble");
  const nodes = parseMarkdown(end < 0 ? text : lines.slice(0, marked[end]!.line - 1).join("\n")).children;
  const h1Index = nodes.findIndex((n) => n.type === "heading" && n.depth === 1);
  const h1Node = h1Index >= 0 ? (nodes[h1Index] as Heading) : undefined;
  const heading = h1Node
    ? parseTitle(toString(h1Node), h1Node.position?.start.line ?? 1)
    : { form: "missing" as const, number: null, text: "", line: 1 };

  // The header is the first run of field blocks after the H1 (or from the top when there is no
  // H1), before the first content section; a `Preamble` heading may sit in between.
  const fields: SepField[] = [];
  const formats = new Set<HeaderFormat>();
  let headerLine = 0;
  for (let i = h1Index + 1; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === "heading" && !isPreambleHeading(node)) break;
    const block = readHeaderBlock(node);
    if (block) {
      if (headerLine === 0) headerLine = node.position?.start.line ?? 0;
      formats.add(block.format);
      fields.push(...toSepFields(block.format, block.fields));
    } else if (headerLine !== 0 && node.type !== "thematicBreak") {
      break;
    }
  }

  const sections: SepSection[] = [];
  let next = 0;
  for (const h of outline) {
    if (h.html) sections.push({ text: h.raw, key: sectionKey(h.raw), depth: h.depth, line: h.line, html: true });
    else {
      const t = texts[next++]!;
      if (h.depth >= 2) sections.push({ text: t, key: sectionKey(t), depth: h.depth, line: h.line });
    }
  }

  const numberField = fields.find((f) => f.canonicalName === "SEP");
  const fieldNumber = numberField ? /\d+/.exec(numberField.value) : null;
  const titleField = fields.find((f) => f.canonicalName === "Title");
  const parsed: ParsedSep = {
    number: heading.number ?? (fieldNumber ? Number(fieldNumber[0]) : null),
    title: heading.text || titleField?.value || "",
    heading,
    headerFormat: formats.size === 0 ? "none" : formats.size > 1 ? "mixed" : [...formats][0]!,
    headerLine,
    fields,
    sections,
    lineCount: lines.length,
  };
  const wg = findWorkingGroup(fields);
  if (wg) parsed.workingGroup = wg;
  const frontMatter = findFrontMatter(lines[0] ?? "");
  if (frontMatter) parsed.frontMatter = frontMatter;
  return deepFreeze(parsed);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The first field with this canonical name. */
export function getField(sep: ParsedSep, canonicalName: string): SepField | undefined {
  return sep.fields.find((f) => f.canonicalName === canonicalName);
}
