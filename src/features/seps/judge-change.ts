import { diffLines } from "diff";
import { notice, type Finding } from "./finding.js";

/**
 * Findings about the whole file rather than the line they are shown at (a missing field is shown at
 * the header's first line, a missing section at the title): editing that line does not make the PR
 * the cause of them. Every other finding is about its own line (a field's value, a heading).
 */
const WHOLE_FILE_RULES = new Set(["field-required", "section-required", "header", "header-format", "field-form", "file-name", "front-matter"]);

/**
 * A rewrite larger than this many changed lines is not diffed (the diff's cost grows with the
 * size of the change): every line counts as changed, and every finding is judged as on a new file.
 */
const MAX_EDIT_LINES = 4_000;

/** Messages name lines (`first on line 12`): the same problem moved by an edit above it is the same problem. */
const problemKey = (f: Finding) => `${f.rule}\u0000${f.message.replace(/\bline \d+/g, "line N")}`;

/**
 * For each head line left unchanged by the pull request, the base line it was (1-based); a line
 * the PR added or changed is absent. Null when the change is too large to diff.
 */
export function mapUnchangedLines(baseText: string, headText: string): Map<number, number> | null {
  const changes = diffLines(baseText, headText, { stripTrailingCr: true, ignoreNewlineAtEof: true, maxEditLength: MAX_EDIT_LINES });
  if (!changes) return null;
  const unchanged = new Map<number, number>();
  let base = 1;
  let head = 1;
  for (const change of changes) {
    if (change.added) head += change.count;
    else if (change.removed) base += change.count;
    else for (let i = 0; i < change.count; i++) unchanged.set(head++, base++);
  }
  return unchanged;
}

/**
 * The check judges the change, not the file's history: a finding the base version already had, in
 * a part the pull request leaves alone, becomes a notice (a typo fix to a SEP merged under older
 * rules passes). A finding is the PR's own, and keeps its level, when the base version did not have
 * it or when it is about a line the PR changed. Findings about the PR itself (labels, the status
 * move) are never in the base's findings, so they keep their level too.
 */
export function judgeChange(head: readonly Finding[], base: readonly Finding[], baseText: string, headText: string): Finding[] {
  const unchanged = mapUnchangedLines(baseText, headText);
  if (!unchanged) return [...head];
  const before = new Map<string, number[]>();
  for (const f of base) before.set(problemKey(f), [...(before.get(problemKey(f)) ?? []), f.line]);
  return head.map((f) => {
    const lines = before.get(problemKey(f));
    if (!lines || lines.length === 0) return f;
    const wasLine = unchanged.get(f.line);
    const whole = WHOLE_FILE_RULES.has(f.rule);
    const at = whole ? 0 : wasLine === undefined ? -1 : lines.indexOf(wasLine);
    if (at < 0) return f;
    lines.splice(at, 1); // one base finding excuses one head finding
    return f.level === "notice" ? f : notice(f.rule, f.line, `${f.message} (Already so before this pull request, in a part it does not change: not blocking.)`);
  });
}
