import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { ConfigProblem } from "../../config/parse-config.js";

/** A configuration problem at its place in the file (1-based line and column). */
export interface PlacedProblem {
  key: string;
  message: string;
  line: number;
  column: number;
}

/**
 * Finds each problem's key in the file's text: the key itself for a mapping entry (an unknown or
 * wrong key is underlined where it is written), the item for a list entry; when a key is missing
 * from the file (a required value), the closest enclosing key. `(file)` is line 1.
 */
export function locateProblems(text: string, problems: ConfigProblem[]): PlacedProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: "1.2", uniqueKeys: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const start = firstContentOffset(text);
  return problems.map((p) => {
    const key = p.key.split(", ")[0]!; // several unknown keys are reported together: the first one's place
    if (key === "(file)" || !doc.contents) return { ...p, ...at(start) };
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node).range?.[0] ?? start;
    for (const segment of key.split(".")) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return { ...p, ...at(offset) };
  });
}

function firstContentOffset(text: string): number {
  const m = /^(?:\s*#.*\n|\s*\n)*/.exec(text);
  return Math.min(m ? m[0].length : 0, Math.max(0, text.length - 1));
}

/**
 * Zod's generic messages in a maintainer's words ("must be a number, not text"); messages the
 * schema writes itself are already in them and pass through.
 */
export function explainProblem(message: string): string {
  const names: Record<string, string> = { string: "text", number: "a number", boolean: "true or false", array: "a list", object: "a mapping of keys", null: "empty", undefined: "missing", int: "a whole number" };
  const name = (t: string) => names[t] ?? t;
  if (message === "Invalid input: expected int, received number") return "must be a whole number";
  let m = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (m) return m[2] === "undefined" ? `is required: give ${name(m[1]!)}` : `must be ${name(m[1]!)}, not ${name(m[2]!)}`;
  m = /^Too small: expected (?:number|int) to be >=?(-?[\d.]+)$/.exec(message);
  if (m) return `must be at least ${m[1]}`;
  m = /^Too big: expected (?:number|int) to be <=?(-?[\d.]+)$/.exec(message);
  if (m) return `must be at most ${m[1]}`;
  m = /^Too small: expected (?:string|array) to have >=?(\d+) (?:characters|items)$/.exec(message);
  if (m) return m[1] === "1" ? "must not be empty" : `must have at least ${m[1]} characters or items`;
  m = /^Invalid option: expected one of (.+)$/.exec(message);
  if (m) return `must be one of ${m[1]!.split("|").map((o) => `\`${o.replace(/^"|"$/g, "")}\``).join(", ")}`;
  return message;
}
