import { diffArrays } from "diff";
import { notice, type Finding } from "./finding.js";
import type { SepField } from "./parse-sep.js";

/**
 * Findings about the whole file rather than the line they are shown at (a missing field is shown at
 * the header's first line, a missing section at the title): editing that line does not make the PR
 * the cause of them. Every other finding is about its own line (a field's value, a heading).
 */
const WHOLE_FILE_RULES = new Set(["field-required", "section-required", "header", "header-format", "field-form", "file-name", "front-matter"]);

/**
 * The diff's cost grows with the file's length times the number of edits: past this many edited
 * lines it gives up, and every line between the first and the last change counts as changed (those
 * findings keep their level). A typo fix is one edit; a rewrite is judged as new text.
 */
const MAX_EDIT_LINES = 200;
const MAX_DIFFED_LINES = 20_000;

/** Messages name lines (`first on line 12`): the same problem moved by an edit above it is the same problem. */
const problemKey = (f: Finding) => `${f.rule}\u0000${f.message.replace(/\bline \d+/g, "line N")}`;

const splitLines = (text: string) => text.replace(/\r?\n$/, "").split(/\r?\n/);

/**
 * For each head line left unchanged by the pull request, the base line it was (1-based); a line
 * the PR added or changed is absent. The lines before the first and after the last difference are
 * paired in one pass; only the part in between is diffed, and only while the edits are few.
 */
export function mapUnchangedLines(baseText: string, headText: string): Map<number, number> {
  const base = splitLines(baseText);
  const head = splitLines(headText);
  let prefix = 0;
  while (prefix < base.length && prefix < head.length && base[prefix] === head[prefix]) prefix++;
  let suffix = 0;
  while (suffix < base.length - prefix && suffix < head.length - prefix && base[base.length - 1 - suffix] === head[head.length - 1 - suffix]) suffix++;
  const unchanged = new Map<number, number>();
  for (let i = 1; i <= prefix; i++) unchanged.set(i, i);
  for (let i = 0; i < suffix; i++) unchanged.set(head.length - i, base.length - i);
  const [from, to] = [base.slice(prefix, base.length - suffix), head.slice(prefix, head.length - suffix)];
  // Real SEPs have a few thousand lines at most; a longer span between the first and last change is not diffed.
  if (from.length + to.length > MAX_DIFFED_LINES) return unchanged;
  const changes = diffArrays(from, to, { maxEditLength: MAX_EDIT_LINES });
  if (!changes) return unchanged;
  let b = prefix + 1;
  let h = prefix + 1;
  for (const change of changes) {
    if (change.added) h += change.count;
    else if (change.removed) b += change.count;
    else for (let i = 0; i < change.count; i++) unchanged.set(h++, b++);
  }
  return unchanged;
}

/**
 * The check judges the change, not the file's history: a finding the base version already had, in
 * a part the pull request leaves alone, becomes a notice (a typo fix to a SEP merged under older
 * rules passes). A finding is the PR's own, and keeps its level, when the base version did not have
 * it or when it is about a line or header field the PR changed. Findings about the PR itself (labels, the status
 * move) are never in the base's findings, so they keep their level too.
 */
export function judgeChange(
  head: readonly Finding[], base: readonly Finding[], baseText: string, headText: string, changedFieldLines: ReadonlySet<number> = new Set(),
): Finding[] {
  const unchanged = mapUnchangedLines(baseText, headText);
  const before = new Map<string, number[]>();
  for (const f of base) before.set(problemKey(f), [...(before.get(problemKey(f)) ?? []), f.line]);
  return head.map((f) => {
    const lines = before.get(problemKey(f));
    if (!lines || lines.length === 0) return f;
    // A field written over several lines is shown at its first: a change to any of them changes the field.
    const wasLine = changedFieldLines.has(f.line) ? undefined : unchanged.get(f.line);
    const whole = WHOLE_FILE_RULES.has(f.rule);
    const at = whole ? 0 : wasLine === undefined ? -1 : lines.indexOf(wasLine);
    if (at < 0) return f;
    lines.splice(at, 1); // one base finding excuses one head finding
    return f.level === "notice" ? f : notice(f.rule, f.line, `${f.message} (Already so before this pull request, in a part it does not change: not blocking.)`);
  });
}

/** The lines of the head's header fields whose value differs from the base's field of the same name (or that are new). */
export function listChangedFieldLines(head: readonly SepField[], base: readonly SepField[]): Set<number> {
  const nameOf = (f: SepField) => (f.canonicalName ?? f.name).toLowerCase();
  const before = new Map<string, string>();
  for (const f of base) if (!before.has(nameOf(f))) before.set(nameOf(f), f.value);
  const seen = new Set<string>();
  const changed = new Set<number>();
  for (const f of head) {
    const key = nameOf(f);
    // A repeated field is compared as a whole line: only the first of a name is paired with the base.
    if (!seen.has(key) && before.get(key) !== f.value) changed.add(f.line);
    seen.add(key);
  }
  return changed;
}
