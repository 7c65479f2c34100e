import MarkdownItParser, { type MarkdownIt, type StateCore, type StateInline, type Token } from "markdown-it";

/**
 * Inline parsing is where markdown parsers go superlinear on hostile text (`*_*_…`, `[![[![…`):
 * markdown-it needs 100–300 ms for 64 KB of such text, against a 50 ms allowance. So each document
 * gets a budget of inline work, spent in document order: a run of inline text that would overspend
 * it, or that is longer than MAX_INLINE_RUN on its own, is kept as plain text (its `**`, links and
 * code spans read as written) instead of being parsed. The cost of a run is its length plus a
 * surcharge for every character that can start inline markup, plus a fixed cost for the run itself
 * (a parser state per table cell adds up over thousands of cells). No real document comes near
 * the budget: the largest SEPs and charters (tens of KB of prose, tables of a few dozen cells)
 * spend well under half of it, so they parse exactly as before.
 */
export const INLINE_BUDGET = 200_000;
/** One paragraph, heading or cell longer than this is kept as text (real paragraphs stay under 4 KB). */
export const MAX_INLINE_RUN = 16_384;
const MARKUP_SURCHARGE = 8;
const RUN_COST = 64;

// The characters that can open inline markup or end a plain-text stretch for markdown-it.
const MARKUP_CHARS = new Set([..."!&*<[\\]_`~:@"].map((c) => c.charCodeAt(0)));

function costOf(content: string): number {
  let cost = RUN_COST + content.length;
  for (let i = 0; i < content.length; i++) if (MARKUP_CHARS.has(content.charCodeAt(i))) cost += MARKUP_SURCHARGE;
  return cost;
}

/** Replaces markdown-it's core `inline` rule: the same parse, within the budget above. */
function parseInlineWithinBudget(state: StateCore): void {
  let spent = 0;
  for (const token of state.tokens) {
    if (token.type !== "inline") continue;
    const cost = token.content.length > MAX_INLINE_RUN ? Infinity : costOf(token.content);
    if (spent + cost > INLINE_BUDGET) {
      const text = new state.Token("text", "", 0);
      text.content = token.content;
      token.children = [text];
      continue;
    }
    spent += cost;
    state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
  }
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

function wrapInlineRule(md: MarkdownIt, name: string, tokenType: string): void {
  const rule = md.inline.ruler.__rules__.find((r: { name: string }) => r.name === name);
  if (!rule) throw new Error(`markdown-it has no inline rule ${name}`);
  md.inline.ruler.at(name, recordSourceLines(rule.fn as InlineRule, tokenType));
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
