import matter from "gray-matter";
import { parse as parseYaml, YAMLParseError } from "yaml";

/**
 * Splits an agenda file into YAML front matter and body with gray-matter, allowing YAML ONLY:
 * gray-matter would evaluate a `---js` block, so every other engine throws, and the opening line is
 * checked first so the author gets a precise message instead of an engine error. YAML is read
 * with the `yaml` package (YAML 1.2): `09:00` stays a string (YAML 1.1 would make it 540) and
 * errors carry their line.
 */
export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** File line of the first front-matter line (the line after `---`). */
  firstLine: number;
  /** File line where the body starts. */
  bodyLine: number;
  /** The front-matter lines, for finding the line of a field. */
  lines: string[];
}

export type FrontMatterResult = { ok: true; value: FrontMatter } | { ok: false; line: number; message: string };

class RefusedEngine extends Error {}

const refuse = (name: string) => () => {
  throw new RefusedEngine(name);
};

const OPTIONS = {
  language: "yaml",
  engines: {
    yaml: (text: string) => parseYaml(text, { version: "1.2", uniqueKeys: true, maxAliasCount: 10 }) as object,
    js: refuse("js"),
    javascript: refuse("javascript"),
    json: refuse("json"),
    coffee: refuse("coffee"),
  },
};

export function splitFrontMatter(file: string): FrontMatterResult {
  // A byte-order mark (saved by some Windows editors) is no text: the file still starts with `---`.
  const text = file.replace(/^\uFEFF/, "");
  const firstLineText = text.split("\n", 1)[0]!.replace(/\r$/, "");
  if (!firstLineText.startsWith("---")) {
    return { ok: false, line: 1, message: "an agenda file must start with YAML front matter: a line `---`, the fields, and a closing `---`" };
  }
  const language = firstLineText.slice(3).trim();
  if (language !== "" && language.toLowerCase() !== "yaml") {
    return {
      ok: false,
      line: 1,
      message: `front matter must be YAML; \`---${language.slice(0, 20)}\` blocks are refused and never run. Start the file with a plain \`---\` line`,
    };
  }
  const lines = text.split("\n");
  const closing = lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l.replace(/\r$/, "")));
  if (closing < 0) return { ok: false, line: 1, message: "the front matter is not closed: add a line `---` after the last field" };
  let parsed: { data: unknown; content: string };
  try {
    // Options given: gray-matter then neither reads nor fills its cache keyed by the input text.
    parsed = matter(text, OPTIONS as never);
  } catch (error) {
    if (error instanceof RefusedEngine) return { ok: false, line: 1, message: "front matter must be YAML; other languages are refused and never run" };
    if (error instanceof YAMLParseError) {
      // gray-matter hands the engine the text from the end of the `---` line: YAML lines are file lines.
      const line = error.linePos?.[0]?.line ?? 1;
      const what = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      return { ok: false, line, message: `the front matter is not valid YAML: ${what}` };
    }
    return { ok: false, line: 1, message: `the front matter could not be read: ${(error as Error).message.split("\n")[0]}` };
  }
  const data = parsed.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, line: 2, message: "the front matter must be a list of `key: value` fields" };
  }
  return {
    ok: true,
    value: {
      data: { ...(data as Record<string, unknown>) },
      body: parsed.content.replace(/^\r?\n/, ""),
      firstLine: 2,
      bodyLine: closing + 2,
      lines: lines.slice(1, closing),
    },
  };
}

/** File line of `key:` in the front matter, or the first front-matter line when the key is absent. */
export function lineOfKey(front: Pick<FrontMatter, "lines" | "firstLine">, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const index = front.lines.findIndex((l) => new RegExp(`^\\s*["']?${escaped}["']?\\s*:`).test(l));
  return index < 0 ? front.firstLine - 1 : front.firstLine + index;
}
