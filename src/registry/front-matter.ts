import matter from "gray-matter";
import { z } from "zod";
import type { CharterProblem } from "./types.js";

const STATUSES = ["active", "retiring", "retired"] as const;

/** The front-matter keys the registry reads; other keys (description, icon…) are the docs site's business. */
const frontMatterSchema = z.object({
  title: z.string().trim().min(1).optional(),
  tag: z.string().trim().min(1).optional(),
  status: z.enum(STATUSES).optional(),
});

export type CharterFrontMatter = z.output<typeof frontMatterSchema>;

export interface FrontMatterResult {
  data: CharterFrontMatter;
  /** The markdown after the front matter. */
  content: string;
  /** Lines before `content` starts, to turn content line numbers into file line numbers. */
  lineOffset: number;
  problems: CharterProblem[];
}

const FENCE = /^---[^\n]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

function refuseEngine(): never {
  throw new Error("only YAML front matter is allowed");
}

// gray-matter runs `---js` front matter through eval unless told otherwise: allow YAML only.
const MATTER_OPTIONS = { engines: { js: refuseEngine, javascript: refuseEngine, coffee: refuseEngine, coffeescript: refuseEngine } } as any;

/** Reads a charter's YAML front matter (never executes it) and validates the keys the registry uses. */
export function readFrontMatter(text: string): FrontMatterResult {
  const fence = FENCE.exec(text);
  const lineOffset = fence ? fence[0].split("\n").length - 1 : 0;
  // Content is cut by the fence match, not taken from gray-matter, so line numbers stay exact.
  const content = fence ? text.slice(fence[0].length) : text;
  if (!fence) return { data: {}, content, lineOffset, problems: [] };
  const language = /^---[ \t]*([A-Za-z]*)/.exec(fence[0])?.[1] ?? "";
  if (language !== "" && language.toLowerCase() !== "yaml") {
    return { data: {}, content, lineOffset, problems: [{ line: 1, message: `front matter in \`${language}\` is not allowed: use YAML (\`---\`)` }] };
  }
  let raw: unknown;
  try {
    // Passing options also skips gray-matter's cache, whose results leak mutations between parses.
    raw = matter(fence[0].endsWith("\n") ? fence[0] : fence[0] + "\n", MATTER_OPTIONS).data;
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const line = typeof mark?.line === "number" ? mark.line + 2 : 1;
    return { data: {}, content, lineOffset, problems: [{ line, message: `front matter is not valid YAML: ${firstLine(error)}` }] };
  }
  return { ...validate(raw, text), content, lineOffset };
}

function validate(raw: unknown, text: string): { data: CharterFrontMatter; problems: CharterProblem[] } {
  const record = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems: CharterProblem[] = [];
  const data: CharterFrontMatter = {};
  for (const key of ["title", "tag", "status"] as const) {
    if (record[key] === undefined || record[key] === null) continue;
    const value = record[key];
    // `Status: Active` is clearly meant; only the status word is case-insensitive.
    const one = frontMatterSchema.shape[key].safeParse(key === "status" && typeof value === "string" ? value.trim().toLowerCase() : value);
    if (one.success) {
      (data as Record<string, unknown>)[key] = one.data;
    } else {
      const allowed = key === "status" ? `one of ${STATUSES.join(", ")}` : "a non-empty string";
      problems.push({ line: lineOfKey(text, key), message: `front matter \`${key}\` must be ${allowed}` });
    }
  }
  return { data, problems };
}

function lineOfKey(text: string, key: string): number {
  const index = text.split("\n").findIndex((l) => l.startsWith(`${key}:`));
  return index >= 0 ? index + 1 : 1;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0]!.slice(0, 200);
}
