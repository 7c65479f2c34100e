import type { SepsConfig } from "./config.js";
import { error, type Finding, type SepFacts } from "./finding.js";
import { parseSep } from "./parse-sep.js";
import { statusOf } from "./rules/lifecycle.js";
import { validateSep } from "./validate-sep.js";

export interface FileFindings {
  path: string;
  findings: Finding[];
}

/** The Status of a base-branch version, canonical when it is a known status, else as written. */
export function readBaseStatus(baseText: string | null, config: SepsConfig): string | null {
  if (baseText === null) return null;
  const sep = parseSep(baseText);
  return statusOf(sep, config) ?? sep.fields.find((f) => f.canonicalName === "Status")?.value ?? null;
}

/**
 * Checks one SEP file: the ONE entry point shared by the check run and `convener check-seps`, so
 * both report the same findings for the same text and facts.
 */
export function checkSepFile(
  text: string | null, facts: Omit<SepFacts, "baseStatus"> & { baseText?: string | null }, config: SepsConfig, now: Date,
): Finding[] {
  if (text === null) {
    return [error("file", 1, "The file could not be read as text (binary, or larger than GitHub returns); a SEP is a markdown file.")];
  }
  const { baseText, ...rest } = facts;
  const full: SepFacts = { ...rest };
  if (baseText !== undefined) full.baseStatus = readBaseStatus(baseText, config);
  // A SEP already on the base branch is amended by a later PR (a status move to Final, a fix): its
  // number is its own, not this PR's, so the file name, H1 and PR field are held to the file number.
  if (typeof baseText === "string") delete full.prNumber;
  return validateSep(parseSep(text), full, config, now);
}
