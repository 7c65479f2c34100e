/**
 * Where agenda files live: `<folder>/<group-tag>/<YYYY-MM-DD>.md`. Files directly in the folder
 * (a README) are not agendas; any other Markdown file below it is a misplaced agenda and is reported.
 */
export type AgendaPath =
  | { kind: "agenda"; path: string; tag: string; date: string }
  | { kind: "misplaced"; path: string; message: string }
  | { kind: "other" };

const TAG = /^[a-z0-9][a-z0-9-]*$/;
const DATE_FILE = /^(\d{4}-\d{2}-\d{2})\.md$/;

export function parseAgendaPath(path: string, folder: string): AgendaPath {
  const prefix = folder.replace(/\/+$/, "") + "/";
  if (!path.startsWith(prefix) || !path.toLowerCase().endsWith(".md")) return { kind: "other" };
  const parts = path.slice(prefix.length).split("/");
  if (parts.length === 1) return { kind: "other" };
  const where = `\`${prefix}<group-tag>/<YYYY-MM-DD>.md\``;
  if (parts.length !== 2) return { kind: "misplaced", path, message: `agenda files live at ${where}; this file is nested too deep` };
  const [tag, file] = parts as [string, string];
  if (!TAG.test(tag)) {
    return { kind: "misplaced", path, message: `the folder name must be a group tag in lower case (such as \`auth-ig\`), as in ${where}` };
  }
  const date = DATE_FILE.exec(file)?.[1];
  if (!date || !isCalendarDate(date)) {
    return { kind: "misplaced", path, message: `the file name must be the meeting date, \`YYYY-MM-DD.md\` (a real date), as in ${where}` };
  }
  return { kind: "agenda", path, tag, date };
}

export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Every path a push touched, once, in the order first seen (a file edited by three commits is one meeting). */
export function collectPushedPaths(commits: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  for (const commit of commits) {
    if (!commit || typeof commit !== "object") continue;
    const { added, modified, removed } = commit as Record<string, unknown>;
    for (const path of [...list(added), ...list(modified), ...list(removed)]) if (typeof path === "string") seen.add(path);
  }
  return [...seen];
}
