import type { PhrasingContent, RootContent, Table } from "mdast";
import { toString } from "mdast-util-to-string";
import { canonicalFieldName } from "./sep-fields.js";

/** How a header field was written, when it is not the template's `- **Name**: value` list item. */
export type FieldVariant = "colon-inside-bold" | "table" | "paragraph" | "alias-name";

export interface SepField {
  /** The name as written (without `**` and the colon). */
  name: string;
  /** The template's spelling (`Author(s)` for `Authors`), or null for an unknown field. */
  canonicalName: string | null;
  /** Plain text of the value (markup and inline HTML dropped, whitespace collapsed). */
  value: string;
  /** 1-based line of the field in the file. */
  line: number;
  /** The first deviation from the template form, if any (`variants` lists them all). */
  variant?: FieldVariant;
  variants: FieldVariant[];
}

export type HeaderFormat = "list" | "table" | "paragraph" | "mixed" | "none";

interface RawField {
  name: string;
  value: string;
  line: number;
  colonInside: boolean;
}

/** Text of inline nodes, skipping inline HTML (`</b>`, `<br>` seen in real headers). */
function inlineText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .filter((n) => n.type !== "html")
    .map((n) => toString(n))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Reads `**Name**: value` or `**Name:** value` from a run of inline nodes. Returns null when the
 * run does not start with bold text followed by a colon (then it is prose, not a field).
 */
function readInlineField(nodes: readonly PhrasingContent[]): RawField | null {
  const meaningful = nodes.filter((n) => !(n.type === "text" && n.value.trim() === "") && n.type !== "html");
  const first = meaningful[0];
  if (!first || first.type !== "strong") return null;
  const boldText = toString(first).trim();
  const rest = nodes.slice(nodes.indexOf(first) + 1);
  const line = first.position?.start.line ?? 0;
  if (boldText.endsWith(":")) {
    return { name: boldText.slice(0, -1).trim(), value: inlineText(rest), line, colonInside: true };
  }
  const after = rest[0];
  if (after && after.type === "text" && after.value.trimStart().startsWith(":")) {
    const stripped: PhrasingContent = { ...after, value: after.value.trimStart().slice(1) };
    return { name: boldText, value: inlineText([stripped, ...rest.slice(1)]), line, colonInside: false };
  }
  return null;
}

/** Splits a paragraph's inline nodes into source lines (soft line breaks and hard `break`s). */
function splitLines(nodes: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === "break") {
      lines.push([]);
    } else if (node.type === "text" && node.value.includes("\n")) {
      const parts = node.value.split("\n");
      parts.forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part !== "") lines[lines.length - 1]!.push({ type: "text", value: part });
      });
    } else {
      lines[lines.length - 1]!.push(node);
    }
  }
  return lines.filter((l) => l.some((n) => !(n.type === "text" && n.value.trim() === "")));
}

function readList(node: RootContent): RawField[] | null {
  if (node.type !== "list") return null;
  const fields: RawField[] = [];
  for (const item of node.children) {
    const para = item.children[0];
    if (!para || para.type !== "paragraph") continue;
    const field = readInlineField(para.children);
    if (field) fields.push(field);
  }
  // A list is the header only when its items are mostly fields (not a bulleted prose list).
  return fields.length > 0 && fields.length * 2 >= node.children.length ? fields : null;
}

function readParagraph(node: RootContent): RawField[] | null {
  if (node.type !== "paragraph") return null;
  const lines = splitLines(node.children);
  const fields = lines.map(readInlineField);
  if (fields.length === 0 || fields.some((f) => !f || f.value === "")) return null;
  return fields as RawField[];
}

function readTable(node: RootContent): RawField[] | null {
  if (node.type !== "table") return null;
  const table = node as Table;
  const rows = table.children;
  const head = rows[0];
  const headName = head ? toString(head.children[0] ?? { type: "text", value: "" }).trim().toLowerCase() : "";
  const bodyRows = headName === "field" || headName === "name" ? rows.slice(1) : rows;
  const fields: RawField[] = [];
  for (const row of bodyRows) {
    const [nameCell, valueCell] = row.children;
    if (!nameCell || !valueCell) continue;
    let name = toString(nameCell).trim();
    const colonInside = name.endsWith(":");
    if (colonInside) name = name.slice(0, -1).trim();
    if (name === "") continue;
    const line = row.position?.start.line ?? 0;
    fields.push({ name, value: inlineText(valueCell.children), line, colonInside });
  }
  const known = fields.filter((f) => canonicalFieldName(f.name) !== null).length;
  return known >= 2 ? fields : null;
}

/** The fields of one header block, or null when the block is not a header block. */
export function readHeaderBlock(node: RootContent): { format: HeaderFormat; fields: RawField[] } | null {
  const list = readList(node);
  if (list) return { format: "list", fields: list };
  const table = readTable(node);
  if (table) return { format: "table", fields: table };
  const para = readParagraph(node);
  if (para) return { format: "paragraph", fields: para };
  return null;
}

/** Turns raw fields into `SepField`s, recording every deviation from the template form. */
export function toSepFields(format: HeaderFormat, raw: readonly RawField[], extraNames: readonly string[] = []): SepField[] {
  return raw.map((f) => {
    const canonicalName = canonicalFieldName(f.name, extraNames);
    const variants: FieldVariant[] = [];
    if (format === "table") variants.push("table");
    if (format === "paragraph") variants.push("paragraph");
    if (f.colonInside) variants.push("colon-inside-bold");
    if (canonicalName && canonicalName !== f.name) variants.push("alias-name");
    const field: SepField = { name: f.name, canonicalName, value: f.value, line: f.line, variants };
    if (variants[0]) field.variant = variants[0];
    return field;
  });
}
