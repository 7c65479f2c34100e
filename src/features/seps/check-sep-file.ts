import { checkFileSize } from "../../core/file-size.js";
import type { SepsConfig } from "./config.js";
import { error, type Finding, type SepFacts } from "./finding.js";
import { parseSep, type ParsedSep } from "./parse-sep.js";
import { statusOf } from "./rules/lifecycle.js";
import { judgeChange, listChangedFieldLines } from "./judge-change.js";
import { validateSep } from "./validate-sep.js";

export interface FileFindings {
  path: string;
  findings: Finding[];
}

/** The refusal message when a SEP file is over `seps.maxFileBytes` (it is then never parsed). */
export function checkSepSize(path: string, text: string, config: SepsConfig): string | undefined {
  return checkFileSize(path, text, { kind: "SEP files", key: "seps.maxFileBytes", bytes: config.maxFileBytes });
}

/** The parsed SEP, or null when the file is over the limit: every reader of SEP text goes through it. */
export function parseSepWithinLimit(text: string | null, config: SepsConfig): ParsedSep | null {
  return text === null || checkSepSize("", text, config) ? null : parseSep(text);
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
  const oversized = checkSepSize(facts.path, text, config);
  if (oversized) return [error("file-size", 1, oversized)];
  const { baseText, ...rest } = facts;
  const full: SepFacts = { ...rest };
  // An oversized base version is not parsed either: its status is unknown, so no transition is checked.
  const readableBase = typeof baseText === "string" && !checkSepSize(facts.path, baseText, config) ? baseText : null;
  if (baseText !== undefined && !(baseText !== null && readableBase === null)) full.baseStatus = readBaseStatus(baseText, config);
  // A SEP already on the base branch is amended by a later PR (a status move to Final, a fix): its
  // number is its own, not this PR's, so the file name, H1 and PR field are held to the file number.
  if (typeof baseText === "string") delete full.prNumber;
  const sep = parseSep(text);
  const findings = validateSep(sep, full, config, now);
  if (readableBase === null) return findings;
  // The base version, judged by the same rules and facts, minus what belongs to the PR (its labels, its status move).
  const { labels: _labels, baseStatus: _baseStatus, ...baseFacts } = full;
  const baseSep = parseSep(readableBase);
  return judgeChange(findings, validateSep(baseSep, baseFacts, config, now), readableBase, text, listChangedFieldLines(sep.fields, baseSep.fields));
}
