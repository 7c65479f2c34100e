import { parseSeries, SERIES_FILE } from "./series.js";

/** The group tag of `<folder>/<group-tag>/series.yml`, or null for any other path. */
export function readSeriesTag(path: string, folder: string): string | null {
  const prefix = folder.replace(/\/+$/, "") + "/";
  if (!path.startsWith(prefix)) return null;
  const parts = path.slice(prefix.length).split("/");
  return parts.length === 2 && parts[1] === SERIES_FILE && /^[a-z0-9][a-z0-9-]*$/.test(parts[0]!) ? parts[0]! : null;
}

/** A pushed series file's problems, each at its line (reported on the commit like an agenda's). */
export function checkSeriesFile(path: string, tag: string, content: string, groups: readonly { tag: string }[]): { path: string; line: number; message: string }[] {
  const parsed = parseSeries(path, tag, content);
  if (!parsed.ok) return parsed.problems;
  if (!groups.some((g) => g.tag.toLowerCase() === tag.toLowerCase())) {
    return [{ path, line: 1, message: `\`${tag}\` (the folder name) is not a registered group tag` }];
  }
  return [];
}
