import { z } from "zod";
import { lineOfKey, readFrontMatter } from "../core/front-matter.js";
import type { CharterProblem } from "./types.js";

const STATUSES = ["active", "retiring", "retired"] as const;

/** The front-matter keys the registry reads; other keys (description, icon…) are the docs site's business. */
const frontMatterSchema = z.object({
  title: z.string().trim().min(1).optional(),
  tag: z.string().trim().min(1).optional(),
  status: z.enum(STATUSES).optional(),
});

export type CharterFrontMatter = z.output<typeof frontMatterSchema>;

export interface CharterFrontMatterResult {
  data: CharterFrontMatter;
  /** The markdown after the front matter. */
  content: string;
  /** Lines before `content` starts, to turn content line numbers into file line numbers. */
  lineOffset: number;
  problems: CharterProblem[];
}

/** A charter's front matter is optional; when present it is read (never run) and the keys the registry uses are checked. */
export function readCharterFrontMatter(text: string): CharterFrontMatterResult {
  const front = readFrontMatter(text);
  if (!front.ok) {
    const problems = front.missing ? [] : [{ line: front.line, message: front.message }];
    return { data: {}, content: front.body, lineOffset: front.bodyLine - 1, problems };
  }
  const { data, problems } = validateKeys(front.value.data, (key) => lineOfKey(front.value, key));
  return { data, content: front.value.body, lineOffset: front.value.bodyLine - 1, problems };
}

function validateKeys(record: Record<string, unknown>, lineOf: (key: string) => number): { data: CharterFrontMatter; problems: CharterProblem[] } {
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
      problems.push({ line: lineOf(key), message: `front matter \`${key}\` must be ${allowed}` });
    }
  }
  return { data, problems };
}
