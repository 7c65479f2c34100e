/**
 * People in a request are named by GitHub handle. An entry is a line (or a comma-separated part)
 * such as `@alice`, `alice`, `Alice Liddell (@alice)` or `- @alice`. Teams (`@org/team`) are not
 * people; a name without a handle cannot be checked or contacted.
 */
export const HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const MENTION = /@([A-Za-z0-9][A-Za-z0-9-]*)(\/[A-Za-z0-9._-]+)?/g;

export interface HandleList {
  handles: string[];
  /** Entries that are teams, have no handle, or are not valid handles. */
  invalid: { entry: string; reason: "team" | "no-handle" | "bad-handle" | "several" }[];
}

export function parseHandles(text: string): HandleList {
  const handles: string[] = [];
  const invalid: HandleList["invalid"] = [];
  const entries = text
    .split(/[\n,;]+/)
    .map((e) => e.replace(/^\s*(?:[-*+]|\d+\.)\s+/, "").trim())
    .filter((e) => e.length > 0 && !/^_?none_?$/i.test(e));
  for (const entry of entries) {
    const mentions = [...entry.matchAll(MENTION)];
    if (mentions.length === 0) {
      if (HANDLE.test(entry)) handles.push(entry);
      else invalid.push({ entry, reason: "no-handle" });
      continue;
    }
    if (mentions.length > 1) {
      invalid.push({ entry, reason: "several" });
      continue;
    }
    const [, login, team] = mentions[0]!;
    if (team) invalid.push({ entry, reason: "team" });
    else if (!HANDLE.test(login!)) invalid.push({ entry, reason: "bad-handle" });
    else handles.push(login!);
  }
  const seen = new Set<string>();
  return { handles: handles.filter((h) => !seen.has(h.toLowerCase()) && seen.add(h.toLowerCase())), invalid };
}
