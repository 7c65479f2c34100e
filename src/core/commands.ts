import type { PhrasingContent, RootContent } from "mdast";
import { parseMarkdown } from "./markdown.js";

/**
 * Slash commands in comments. A command counts only at the start of a line of ordinary text: not in
 * fenced or indented code, not in inline code, not inside a `>` quote (someone quoting a command is
 * not issuing it), not inside an HTML comment, not in a list or a heading.
 */
export interface Command {
  name: string;
  args: string[];
  /** Everything after the command name, trimmed (a `/veto` reason). */
  rest: string;
  /** 1-based line in the comment body. */
  line: number;
}

const COMMAND = /^\/([a-z][a-z-]*)(?=\s|$)(.*)$/i;
const MAX_BODY = 65_536; // GitHub's own comment limit; anything longer is not a real comment

export function parseCommands(body: string | null | undefined): Command[] {
  const text = (body ?? "").slice(0, MAX_BODY);
  if (!text.includes("/")) return [];
  const commands: Command[] = [];
  for (const node of parseMarkdown(text).children) collect(node, commands);
  return commands;
}

function collect(node: RootContent, out: Command[]): void {
  if (node.type !== "paragraph") return; // code, quotes, html, lists, headings, tables: never commands
  const startLine = node.position?.start.line ?? 1;
  const lines = flatten(node.children).split("\n");
  lines.forEach((line, i) => {
    const m = COMMAND.exec(line.trimEnd());
    if (!m) return;
    const rest = (m[2] ?? "").trim();
    out.push({ name: m[1]!.toLowerCase(), args: rest ? rest.split(/\s+/) : [], rest, line: startLine + i });
  });
}

/** Paragraph text with inline code and inline HTML replaced, so neither can start a command. */
function flatten(children: PhrasingContent[]): string {
  return children
    .map((child): string => {
      switch (child.type) {
        case "text":
          return child.value;
        case "break":
          return "\n";
        default:
          if ("children" in child) return flatten(child.children as PhrasingContent[]);
          return blank(child);
      }
    })
    .join("");
}

/**
 * Inline code, inline HTML (`<!--` … `-->`) and images become a NUL on each line they span: nothing
 * in them can start a command, and the lines after them keep their numbers.
 */
function blank(node: PhrasingContent): string {
  const span = (node.position?.end.line ?? 0) - (node.position?.start.line ?? 0);
  return "\u0000" + "\n\u0000".repeat(Math.max(0, span));
}
