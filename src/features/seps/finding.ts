import { listMentionedLogins } from "../../core/github-login.js";
import type { Registry } from "../../registry/types.js";

/**
 * `notice`: a problem an existing SEP already had, in a part the pull request does not change (see
 * judge-change.ts); listed for information, never blocking.
 */
export type FindingLevel = "error" | "warning" | "notice";

/** One rule broken at one line. The message says what is allowed; user text in it is a code span. */
export interface Finding {
  rule: string;
  level: FindingLevel;
  message: string;
  line: number;
}

/**
 * What the rules know beyond the file itself. Each fact is optional: offline (the CLI) there is no
 * PR, no labels and no base version, and the rules that need them stay silent.
 */
export interface SepFacts {
  /** Repository-relative path, e.g. `seps/1803-event-subscriptions.md`. */
  path: string;
  prNumber?: number;
  /** Status of the base branch's version of the file; null when the file is new there. */
  baseStatus?: string | null;
  labels?: readonly string[];
  /** Lower-case handle → holds a sponsor role. A handle not present is unknown (not checked). */
  sponsorRoles?: Readonly<Record<string, boolean>>;
  /** The group registry; null or absent: Working Group names are not checked against it. */
  registry?: Registry | null;
}

export const error = (rule: string, line: number, message: string): Finding => ({ rule, level: "error", message, line });
export const warning = (rule: string, line: number, message: string): Finding => ({ rule, level: "warning", message, line });
export const notice = (rule: string, line: number, message: string): Finding => ({ rule, level: "notice", message, line });

/** User text quoted in a finding: a code span, so nothing in it renders or mentions anyone. */
export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim().replace(/`/g, "'");
  const short = flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
  return "`" + (short || " ") + "`";
}

/** Matches a value against allowed values ignoring case, spaces vs hyphens and code backticks. */
export function matchAllowed(value: string, allowed: readonly string[]): { canonical: string; exact: boolean } | null {
  const clean = value.trim().replace(/^`(.*)`$/, "$1").trim();
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, "-");
  const hit = allowed.find((a) => norm(a) === norm(clean));
  return hit ? { canonical: hit, exact: hit === clean } : null;
}

/** GitHub handles named in a value: `@alice`, `(@bob)`, `[@carol](https://github.com/carol)`; emails are not. */
export function findHandles(value: string): string[] {
  return listMentionedLogins(value);
}
