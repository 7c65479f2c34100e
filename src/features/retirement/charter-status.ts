import { isMap, parseDocument } from "yaml";

/**
 * The charter text with `status: <status>` in its YAML front matter, everything else byte for
 * byte; a front matter block is added when there is none. Null when the front matter is not YAML
 * the app can edit safely (a person then edits the file), or when the status is already set.
 */
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(\r?\n|$)/;

export function setCharterStatus(text: string, status: "retired"): string | null {
  const m = FRONT_MATTER.exec(text);
  if (!m) return `---\nstatus: ${status}\n---\n\n${text}`;
  const doc = parseDocument(m[1] ?? "");
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return null;
  if (doc.get("status") === status) return null;
  doc.set("status", status);
  const yaml = doc.toString().replace(/\n$/, "");
  return `---\n${yaml}\n---${m[2]}${text.slice(m[0].length)}`;
}
