/**
 * Size limits of the files the app reads (SEP files, charters, agendas, the configuration). GitHub
 * returns files up to 1 MB; the parsers are measured at 65,536 characters (`npm run bench`), so a
 * file past its limit is refused with one message naming it, before any parsing.
 */
export interface SizeLimit {
  /** What the file is, plural: "SEP files", "charter files". */
  kind: string;
  /** The setting that changes the limit, e.g. `seps.maxFileBytes`; absent when it is fixed. */
  key?: string;
  bytes: number;
}

/** The file's size in bytes as GitHub counts it (UTF-8). */
export function byteSize(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The refusal message when `text` is over the limit, else undefined. */
export function checkFileSize(path: string, text: string, limit: SizeLimit): string | undefined {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: short texts need no count.
  if (text.length * 3 <= limit.bytes) return undefined;
  const bytes = byteSize(text);
  return bytes > limit.bytes ? describeOversized(path, bytes, limit) : undefined;
}

export function describeOversized(path: string, bytes: number, limit: SizeLimit): string {
  const where = limit.key ? ` (the limit is \`${limit.key}\` in .github/convener.yml)` : "";
  return `${path} is ${bytes.toLocaleString("en")} bytes; ${limit.kind} may be at most ${limit.bytes.toLocaleString("en")} bytes${where}. The file was not read.`;
}
