import type { Token } from "markdown-it";
import type { AlignType, List, ListItem, Nodes, Parent, PhrasingContent, Root, RootContent, Table } from "mdast";

type Position = NonNullable<Root["position"]>;
type Point = Position["start"];

/** Start offsets of the lines of a text; `\r\n`, `\r` and `\n` each end a line, as in markdown. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

class Lines {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    this.starts = lineStartsOf(text);
  }

  /** The first non-blank character of a 1-based line (where a top-level block starts). */
  startOf(line: number): Point {
    const start = this.starts[line - 1] ?? this.text.length;
    let offset = start;
    while (this.text[offset] === " " || this.text[offset] === "\t") offset++;
    return { line, column: offset - start + 1, offset };
  }

  /** The end of a 1-based line, before its line ending. */
  endOf(line: number): Point {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    let offset = this.text.length;
    if (next !== undefined) {
      offset = next - 1;
      if (this.text[offset] === "\n" && this.text[offset - 1] === "\r") offset--;
    }
    return { line, column: Math.max(offset, start) - start + 1, offset: Math.max(offset, start) };
  }

  get count(): number {
    return this.starts.length;
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

function sourceLinesOf(token: Token): number | undefined {
  return (token.meta as { sourceLines?: number } | null)?.sourceLines;
}

/** Plain text of inline tokens (an image's alt text). */
function plainText(tokens: readonly Token[] | null): string {
  return (tokens ?? [])
    .map((t) => (t.type === "softbreak" || t.type === "hardbreak" ? "\n" : t.type === "image" ? plainText(t.children) : t.content))
    .join("");
}

interface InlineFrame {
  children: PhrasingContent[];
  node?: PhrasingContent & Parent;
  line: number;
}

/**
 * Builds the phrasing nodes of one inline run. Inline nodes carry lines only: markdown-it keeps no
 * inline columns, so their column is their block's and they have no offset. Lines are counted from
 * line breaks in the tokens, and from the source lines the tokenizer recorded for code spans,
 * images and links (see markdown-tokens.ts).
 */
class PhrasingBuilder {
  readonly root: PhrasingContent[] = [];
  private readonly stack: InlineFrame[];
  private line: number;

  constructor(firstLine: number, private readonly column: number) {
    this.line = firstLine;
    this.stack = [{ children: this.root, line: firstLine }];
  }

  private at(from: number, to: number): Position {
    return { start: { line: from, column: this.column }, end: { line: to, column: this.column } };
  }

  private add(node: PhrasingContent): void {
    this.stack[this.stack.length - 1]!.children.push(node);
  }

  /** A leaf that spans `lines` line breaks of the source. */
  private leaf(node: PhrasingContent, lines: number): void {
    const from = this.line;
    this.line += lines;
    node.position = this.at(from, this.line);
    this.add(node);
  }

  text(value: string): void {
    const from = this.line;
    this.line += countNewlines(value);
    const siblings = this.stack[this.stack.length - 1]!.children;
    const last = siblings[siblings.length - 1];
    if (last?.type === "text") {
      last.value += value;
      last.position!.end.line = this.line;
    } else {
      siblings.push({ type: "text", value, position: this.at(from, this.line) });
    }
  }

  private open(node: PhrasingContent & Parent): void {
    this.add(node);
    this.stack.push({ children: node.children as PhrasingContent[], node, line: this.line });
  }

  private close(spanned?: number): void {
    const frame = this.stack.length > 1 ? this.stack.pop() : undefined;
    if (!frame?.node) return;
    if (spanned !== undefined) this.line = Math.max(this.line, frame.line + spanned);
    frame.node.position = this.at(frame.line, this.line);
  }

  token(token: Token): void {
    switch (token.type) {
      case "text":
      case "text_special":
        if (token.content !== "") this.text(token.content);
        break;
      case "softbreak":
        this.text("\n");
        break;
      case "hardbreak":
        this.leaf({ type: "break" }, 1);
        break;
      case "code_inline":
        this.leaf({ type: "inlineCode", value: token.content }, sourceLinesOf(token) ?? 0);
        break;
      case "html_inline":
        this.leaf({ type: "html", value: token.content }, countNewlines(token.content));
        break;
      case "image":
        this.leaf({ type: "image", url: attr(token, "src") ?? "", title: attr(token, "title"), alt: plainText(token.children) }, sourceLinesOf(token) ?? 0);
        break;
      case "link_open":
        this.open({ type: "link", url: attr(token, "href") ?? "", title: attr(token, "title"), children: [] });
        break;
      case "strong_open":
        this.open({ type: "strong", children: [] });
        break;
      case "em_open":
        this.open({ type: "emphasis", children: [] });
        break;
      case "s_open":
        this.open({ type: "delete", children: [] });
        break;
      case "link_close":
        this.close(sourceLinesOf(token));
        break;
      case "strong_close":
      case "em_close":
      case "s_close":
        this.close();
        break;
      default:
        if (token.content) this.text(token.content);
    }
  }

  finish(): PhrasingContent[] {
    while (this.stack.length > 1) this.close();
    return this.root;
  }
}

function appendPhrasing(children: PhrasingContent[], tokens: readonly Token[], firstLine: number, column: number): void {
  // Most runs (headings, cells, text past the budget) are one text token: no builder needed.
  const only = tokens.length === 1 ? tokens[0]! : undefined;
  if (only?.type === "text") {
    const end = firstLine + countNewlines(only.content);
    if (only.content !== "") children.push({ type: "text", value: only.content, position: { start: { line: firstLine, column }, end: { line: end, column } } });
    return;
  }
  const builder = new PhrasingBuilder(firstLine, column);
  for (const token of tokens) builder.token(token);
  for (const node of builder.finish()) children.push(node);
}

/** GitHub task list items: `[ ]` or `[x]` opening the item's first paragraph becomes `checked`. */
function readTaskMarker(item: ListItem): void {
  const first = item.children[0];
  if (first?.type !== "paragraph") return;
  const text = first.children[0];
  const m = text?.type === "text" ? /^\[([ xX])\](?:[ \t]+|(?=\n))/.exec(text.value) : null;
  if (!m || text?.type !== "text") return;
  item.checked = m[1] !== " ";
  text.value = text.value.slice(m[0].length);
  if (text.value === "") first.children.shift();
}

const ALIGN = /text-align:(left|right|center)/;

/**
 * Builds an mdast tree (the node types of mdast-util-from-markdown with GFM: headings, paragraphs,
 * lists with `checked`, tables with `align`, code, html, blockquotes, thematic breaks and the inline
 * nodes) from markdown-it's tokens. Blocks have full positions (the start is the first non-blank
 * character of their first line); `text` is the source the tokens were made from.
 */
export function toMdast(tokens: readonly Token[], text: string): Root {
  const lines = new Lines(text);
  const root: Root = { type: "root", children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: lines.endOf(lines.count) } };
  const stack: Parent[] = [root];
  const positionOf = (token: Token): Position | undefined =>
    token.map ? { start: lines.startOf(token.map[0] + 1), end: lines.endOf(Math.max(token.map[0] + 1, token.map[1])) } : undefined;
  const add = (node: RootContent, token: Token): void => {
    const position = positionOf(token);
    if (position) node.position = position;
    (stack[stack.length - 1]!.children as RootContent[]).push(node);
  };
  const open = (node: RootContent & Parent, token: Token): void => {
    add(node, token);
    stack.push(node);
  };
  let table: Table | undefined;

  for (const token of tokens) {
    switch (token.type) {
      case "paragraph_open":
        open({ type: "paragraph", children: [] }, token);
        if (!token.hidden) markSpread(stack as Nodes[]);
        break;
      case "heading_open":
        open({ type: "heading", depth: Number(token.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6, children: [] }, token);
        break;
      case "blockquote_open":
        open({ type: "blockquote", children: [] }, token);
        break;
      case "bullet_list_open":
      case "ordered_list_open": {
        const list: List = { type: "list", ordered: token.type === "ordered_list_open", spread: false, children: [] };
        if (list.ordered) list.start = Number(attr(token, "start") ?? 1);
        open(list, token);
        break;
      }
      case "list_item_open":
        open({ type: "listItem", spread: false, checked: null, children: [] }, token);
        break;
      case "table_open":
        table = { type: "table", align: [], children: [] };
        open(table, token);
        break;
      case "tr_open":
        open({ type: "tableRow", children: [] }, token);
        break;
      case "th_open":
      case "td_open": {
        if (token.type === "th_open" && table) table.align!.push((ALIGN.exec(attr(token, "style") ?? "")?.[1] as AlignType | undefined) ?? null);
        // markdown-it maps rows, not cells: a cell is placed on its row's line.
        const row = stack[stack.length - 1]!;
        open({ type: "tableCell", children: [] }, token);
        if (!token.map && row.position) stack[stack.length - 1]!.position = row.position;
        break;
      }
      case "inline": {
        const parent = stack[stack.length - 1]!;
        const start = parent.position?.start ?? (token.map ? lines.startOf(token.map[0] + 1) : { line: 1, column: 1 });
        appendPhrasing(parent.children as PhrasingContent[], token.children ?? [], start.line, start.column);
        break;
      }
      case "list_item_close":
        readTaskMarker(stack[stack.length - 1] as ListItem);
        stack.pop();
        break;
      case "paragraph_close":
      case "heading_close":
      case "blockquote_close":
      case "bullet_list_close":
      case "ordered_list_close":
      case "tr_close":
      case "th_close":
      case "td_close":
        stack.pop();
        break;
      case "table_close":
        stack.pop();
        table = undefined;
        break;
      case "fence": {
        const [lang, ...meta] = token.info.trim().split(/\s+/);
        add({ type: "code", lang: lang || null, meta: meta.join(" ") || null, value: token.content.replace(/\n$/, "") }, token);
        break;
      }
      case "code_block":
        add({ type: "code", lang: null, meta: null, value: token.content.replace(/\n$/, "") }, token);
        break;
      case "html_block":
        add({ type: "html", value: token.content.replace(/\n+$/, "") }, token);
        break;
      case "hr":
        add({ type: "thematicBreak" }, token);
        break;
      default:
        // thead/tbody have no mdast node; any other token is not produced by this configuration.
        break;
    }
  }
  return root;
}

/** A visible (loose) paragraph in a list item makes the item and its list spread, as in mdast. */
function markSpread(stack: readonly Nodes[]): void {
  const item = stack[stack.length - 2];
  const list = stack[stack.length - 3];
  if (item?.type === "listItem") item.spread = true;
  if (list?.type === "list") list.spread = true;
}
