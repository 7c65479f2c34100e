import MarkdownItParser, { type MarkdownIt, type StateBlock, type StateCore, type StateInline, type Token } from "markdown-it";

/**
 * Inline parsing is where markdown parsers go superlinear on hostile text (`*_*_…`, `[![[![…`):
 * markdown-it needs 100–300 ms for 64 KB of such text, against a 50 ms allowance. So each document
 * gets a budget of inline work: a run of inline text that would overspend it, or that is longer
 * than MAX_INLINE_RUN on its own, is kept as plain text (its `**`, links and code spans read as
 * written) instead of being parsed. Headings are parsed first (sections are what readers look
 * for), then the other runs in document order. A run's cost is its length plus a surcharge for
 * each character that starts an inline rule, weighted by what markdown-it spends on it (a `[`
 * scans for its label, `://` runs the URL matcher): measured on hostile runs, a unit costs at
 * most ~120 ns here, so the budget bounds inline parsing to ~20 ms. No real document comes near
 * it: the costliest real SEP (65 KB of prose, links and code) spends about half of it.
 */
export const INLINE_BUDGET = 160_000;
/** One paragraph, heading or cell longer than this is kept as text (real paragraphs stay under 4 KB). */
export const MAX_INLINE_RUN = 16_384;
const RUN_COST = 64;

// The surcharge of each character that can start an inline rule in this configuration (emphasis,
// strikethrough, code, links, images, autolinks and HTML, entities, escapes, line breaks); `:` only
// counts when it opens `://` (a URL to match). A run without any of them is one text token
// whatever the parser does, so it is made here directly: thousands of plain cells cost no parser.
const SURCHARGE = new Map<number, number>([
  ..."&*<\\_`~".split("").map((c): [number, number] => [c.charCodeAt(0), 8]),
  // `[` and `![` scan ahead for the end of their label.
  ["[".charCodeAt(0), 32],
  ["!".charCodeAt(0), 32],
  ["\n".charCodeAt(0), 1],
]);
const COLON = ":".charCodeAt(0);
const SLASH = "/".charCodeAt(0);
const URL_SURCHARGE = 64;

/** The cost of inline-parsing a run, or 0 when it holds nothing to parse. */
function inlineCostOf(content: string): number {
  let extra = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === COLON) {
      if (content.charCodeAt(i + 1) === SLASH && content.charCodeAt(i + 2) === SLASH) extra += URL_SURCHARGE;
    } else {
      extra += SURCHARGE.get(c) ?? 0;
    }
  }
  return extra === 0 ? 0 : RUN_COST + content.length + extra;
}

function parseRun(state: StateCore, token: Token, spent: number): number {
  const cost = token.content.length > MAX_INLINE_RUN ? Infinity : inlineCostOf(token.content);
  if (cost === 0 || spent + cost > INLINE_BUDGET) {
    const text = new state.Token("text", "", 0);
    text.content = token.content;
    token.children = [text];
    return spent;
  }
  state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
  return spent + cost;
}

/** Replaces markdown-it's core `inline` rule: the same parse, within the budget above. */
function parseInlineWithinBudget(state: StateCore): void {
  const inHeading = (i: number): boolean => state.tokens[i - 1]?.type === "heading_open";
  let spent = 0;
  state.tokens.forEach((token, i) => {
    if (token.type === "inline" && inHeading(i)) spent = parseRun(state, token, spent);
  });
  state.tokens.forEach((token, i) => {
    if (token.type === "inline" && !inHeading(i)) spent = parseRun(state, token, spent);
  });
}

/**
 * Tables are the other cost that grows with hostile text: a 64 KB comment can hold 30,000 table
 * rows (`x` lines under a header), each a handful of tokens and tree nodes. A document gets
 * MAX_TABLE_CELLS cells (the header's columns times the rows); the rows past them, and tables
 * wider than MAX_TABLE_COLUMNS, are read as the paragraph text GitHub shows for a broken table.
 * Real tables (charters' rosters, SEP headers) have a few hundred cells at most.
 */
export const MAX_TABLE_CELLS = 10_000;
export const MAX_TABLE_COLUMNS = 256;

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

function countPipes(text: string, from: number, to: number): number {
  let pipes = 0;
  for (let i = text.indexOf("|", from); i >= 0 && i < to; i = text.indexOf("|", i + 1)) pipes++;
  return pipes;
}

/** A table's second line starts with `|`, `:` or `-`: checked first, as every line is tried as a table. */
function mayBeDelimiterRow(state: StateBlock, line: number, endLine: number): boolean {
  if (line >= endLine) return false;
  const c = state.src.charCodeAt(state.bMarks[line]! + state.tShift[line]!);
  return c === 0x7c || c === 0x3a || c === 0x2d;
}

function tableWithinBudget(rule: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    const env = state.env as { tableCells?: number };
    const left = MAX_TABLE_CELLS - (env.tableCells ?? 0);
    if (left <= 0 || !mayBeDelimiterRow(state, startLine + 1, endLine)) return false;
    const columns = countPipes(state.src, state.bMarks[startLine]!, state.eMarks[startLine]!) + 1;
    if (columns > MAX_TABLE_COLUMNS || columns > left) return false;
    if (!rule(state, startLine, Math.min(endLine, startLine + Math.floor(left / columns)), silent)) return false;
    if (!silent) env.tableCells = (env.tableCells ?? 0) + columns * (state.line - startLine);
    return true;
  };
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;

/**
 * markdown-it keeps no positions for inline tokens, and a code span turns its line breaks into
 * spaces, so lines cannot be counted from token contents alone. This wrapper records on the token a
 * rule produced how many line breaks its source spanned (`meta.sourceLines`); the tree builder
 * uses it to keep the line numbers of everything after a multi-line code span, image or link.
 */
function recordSourceLines(rule: InlineRule, tokenType: string): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const before = state.tokens.length;
    if (!rule(state, silent)) return false;
    const last = state.tokens[state.tokens.length - 1];
    if (!silent && state.tokens.length > before && last?.type === tokenType) {
      let lines = 0;
      for (let i = state.src.indexOf("\n", start); i >= 0 && i < state.pos; i = state.src.indexOf("\n", i + 1)) lines++;
      last.meta = { ...(last.meta as object | null), sourceLines: lines };
    }
    return true;
  };
}

/** One of markdown-it's own rules, to wrap (a `Ruler` keeps them in `__rules__`, which its types do not show). */
function ruleOf<F>(ruler: unknown, name: string): F {
  const rule = (ruler as { __rules__: { name: string; fn: F }[] }).__rules__.find((r) => r.name === name);
  if (!rule) throw new Error(`markdown-it has no rule ${name}`);
  return rule.fn;
}

function wrapInlineRule(md: MarkdownIt, name: string, tokenType: string): void {
  md.inline.ruler.at(name, recordSourceLines(ruleOf<InlineRule>(md.inline.ruler, name), tokenType));
}

function createParser(): MarkdownIt {
  // GitHub flavour: raw HTML kept as html nodes, tables and ~~strikethrough~~ (built in), and
  // http(s) URLs in text become links as GitHub's autolinks do (bare `www.` and e-mail addresses
  // are left as text: nothing the app reads depends on them, and their scanner is costly).
  const md = new MarkdownItParser({ html: true, linkify: true });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  // The tree keeps URLs as written, like mdast does: no percent-encoding, and no dropping of
  // `javascript:` links (nothing is rendered from this tree; a link is data to read).
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  md.validateLink = () => true;
  // The core `linkify` pass would rescan every text token outside the budget; the inline `linkify`
  // rule finds the same `scheme://` links while inline parsing, within it.
  md.core.ruler.disable(["linkify", "replacements", "smartquotes"]);
  md.core.ruler.at("inline", parseInlineWithinBudget);
  md.block.ruler.at("table", tableWithinBudget(ruleOf<BlockRule>(md.block.ruler, "table")));
  wrapInlineRule(md, "backticks", "code_inline");
  wrapInlineRule(md, "link", "link_close");
  wrapInlineRule(md, "image", "image");
  return md;
}

const parser = createParser();

/** markdown-it's token stream for a document (block tokens, with inline children within the budget). */
export function tokenizeMarkdown(text: string): Token[] {
  return parser.parse(text, {});
}
