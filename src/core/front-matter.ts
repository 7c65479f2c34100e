import { byteSize } from "./file-size.js";
import { readYaml } from "./read-yaml.js";

/**
 * The one front-matter reader (agenda files, charters). YAML only, read with the `yaml` package
 * (YAML 1.2: `09:00` stays a string where YAML 1.1 would make it 540, and errors carry their
 * line); a `---js` block is refused and never run. A byte-order mark (saved by some Windows
 * editors) is not text: the file still starts with `---`. Line numbers are file lines.
 */
export interface FrontMatter {
  data: Record<string, unknown>;
  /** The text after the closing `---` line. */
  body: string;
  /** File line of the first front-matter line (the line after `---`). */
  firstLine: number;
  /** File line where the body starts. */
  bodyLine: number;
  /** The front-matter lines, for finding the line of a field. */
  lines: string[];
}

export type FrontMatterResult =
  | { ok: true; value: FrontMatter }
  /**
   * `missing`: the file does not start with `---` (some files may do without front matter). `body`
   * is what follows the closing `---`, or the whole file when there is none, for callers that read on.
   */
  | { ok: false; missing: boolean; line: number; message: string; body: string; bodyLine: number };

/** Front matter holds a few fields (an agenda's dozen, a charter's title); the body holds the text. */
export const MAX_FRONT_MATTER_BYTES = 8_192;

const MISSING = "the file does not start with YAML front matter: a line `---`, the fields, and a closing `---`";

export function readFrontMatter(file: string): FrontMatterResult {
  const text = file.replace(/^\uFEFF/, "");
  const rawLines = text.split("\n");
  const lines = rawLines.map((l) => l.replace(/\r$/, ""));
  const opening = lines[0]!;
  const closing = opening.startsWith("---") ? lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l)) : -1;
  const rest = closing < 0 ? { body: text, bodyLine: 1 } : { body: rawLines.slice(closing + 1).join("\n"), bodyLine: closing + 2 };
  const fail = (line: number, message: string, missing = false) => ({ ok: false as const, missing, line, message, ...rest });
  if (!opening.startsWith("---")) return fail(1, MISSING, true);
  const language = opening.slice(3).trim();
  if (language !== "" && language.toLowerCase() !== "yaml") {
    return fail(1, `front matter must be YAML; \`---${language.slice(0, 20)}\` blocks are refused and never run. Start the file with a plain \`---\` line`);
  }
  if (closing < 0) return fail(1, "the front matter is not closed: add a line `---` after the last field");
  const yamlLines = lines.slice(1, closing);
  const yamlText = yamlLines.join("\n");
  // The `yaml` package reads about 64 KB in a few hundred milliseconds; real front matter is a few
  // lines. The check is on characters first, so a short block is never counted.
  if (yamlText.length > MAX_FRONT_MATTER_BYTES / 3) {
    const bytes = byteSize(yamlText);
    if (bytes > MAX_FRONT_MATTER_BYTES) {
      return fail(2, `the front matter is ${bytes.toLocaleString("en")} bytes; it may be at most ${MAX_FRONT_MATTER_BYTES.toLocaleString("en")} bytes (a few \`key: value\` fields): put long text in the body`);
    }
  }
  // Line 1 is the `---`: the front matter's first line is file line 2.
  const read = readYaml(yamlText, { firstLine: 2, maxAliasCount: 10, what: "the front matter" });
  if (!read.ok) return fail(read.line, read.message);
  let data = read.value;
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return fail(2, "the front matter must be a list of `key: value` fields");
  }
  return { ok: true, value: { data: { ...(data as Record<string, unknown>) }, ...rest, firstLine: 2, lines: yamlLines } };
}

/** File line of `key:` in the front matter, or the `---` line when the key is absent. */
export function lineOfKey(front: Pick<FrontMatter, "lines" | "firstLine">, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const index = front.lines.findIndex((l) => new RegExp(`^\\s*["']?${escaped}["']?\\s*:`).test(l));
  return index < 0 ? front.firstLine - 1 : front.firstLine + index;
}
