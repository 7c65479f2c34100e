import type { Heading, Root, RootContent, Table, TableCell } from "mdast";
import { toString } from "mdast-util-to-string";

/** A `##` section of a charter: its heading text and every block up to the next heading of its depth or higher. */
export interface Section {
  title: string;
  depth: number;
  line: number;
  nodes: RootContent[];
}

/** Every heading's section (nested sections are included in their parents' nodes too). */
export function readSections(root: Root): Section[] {
  const sections: Section[] = [];
  const children = root.children;
  children.forEach((node, i) => {
    if (node.type !== "heading") return;
    const heading = node as Heading;
    const nodes: RootContent[] = [];
    // Indexing, not slicing: thousands of headings must not copy the rest of the tree each.
    for (let j = i + 1; j < children.length; j++) {
      const next = children[j]!;
      if (next.type === "heading" && (next as Heading).depth <= heading.depth) break;
      nodes.push(next);
    }
    sections.push({ title: normaliseTitle(toString(heading)), depth: heading.depth, line: heading.position?.start.line ?? 0, nodes });
  });
  return sections;
}

/** "Deliverables & Success Metrics (WG only)" → "deliverables & success metrics". */
function normaliseTitle(text: string): string {
  return text.replace(/\((?:wg|ig) only\)/i, "").replace(/\s+/g, " ").trim().toLowerCase();
}

export function findSection(sections: readonly Section[], title: string): Section | undefined {
  return sections.find((s) => s.title === title);
}

/** One table row: cells by lower-cased column name, with the cell nodes kept for links. */
export interface TableRow {
  line: number;
  text: Record<string, string>;
  cells: Record<string, TableCell>;
}

export function tablesIn(nodes: readonly RootContent[]): Table[] {
  return nodes.filter((n): n is Table => n.type === "table");
}

/** Rows of a GFM table keyed by header; rows whose cells are all empty (the template's blank row) are skipped. */
export function readTableRows(table: Table): TableRow[] {
  const [head, ...body] = table.children;
  if (!head) return [];
  const columns = head.children.map((cell) => toString(cell).replace(/\s+/g, " ").trim().toLowerCase());
  const rows: TableRow[] = [];
  for (const row of body) {
    const text: Record<string, string> = {};
    const cells: Record<string, TableCell> = {};
    row.children.forEach((cell, i) => {
      const column = columns[i];
      if (!column || column in text) return;
      text[column] = toString(cell).replace(/\s+/g, " ").trim();
      cells[column] = cell;
    });
    if (Object.values(text).every((v) => v === "")) continue;
    rows.push({ line: row.position?.start.line ?? 0, text, cells });
  }
  return rows;
}

/** The first cell among `columns` that has text (charters name the same column differently). */
export function pickCell(row: TableRow, columns: readonly string[]): { column: string; text: string } | undefined {
  for (const column of columns) {
    const text = row.text[column];
    if (text !== undefined && text !== "") return { column, text };
  }
  return undefined;
}
