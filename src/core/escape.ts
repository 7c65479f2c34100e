import { isGitHubLogin } from "./github-login.js";

/**
 * User text the app quotes back must not mention people, fake a marker or inject HTML. `@` gets a
 * zero-width joiner (GitHub then renders it without notifying anyone), `<` `>` `&` become entities
 * (no HTML, no `<!--` markers), `|` is escaped for table cells, and line breaks are flattened so a
 * value cannot open a new block.
 */
const ZWJ = "\u200d";

export function escapeUserText(text: string, maxLength = 200): string {
  const short = truncate(text.replace(/\s+/g, " ").trim(), maxLength);
  return short
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@" + ZWJ)
    .replace(/\|/g, "\\|"); // keeps a value inside its table cell
}

/** A handle shown as a name, not a mention (`@alice` → `@​alice`). */
export function quoteHandle(login: string): string {
  return escapeUserText(login.startsWith("@") ? login : "@" + login, 100);
}

/**
 * A handle written to notify its owner: only for handles the app validated itself. Anything outside
 * GitHub's login grammar is shown, not mentioned: stripping its odd characters would notify someone
 * else (`fac-kenü` → `fac-ken`).
 */
export function mentionHandle(login: string): string {
  const bare = login.replace(/^@/, "");
  return isGitHubLogin(bare) ? "@" + bare : quoteHandle(bare);
}

/**
 * User text shown verbatim in a code span: nothing inside renders (no mention, HTML or marker), so
 * the requester sees exactly what they typed. Backticks become `'` so the span cannot be closed.
 * A code span still sits in the raw body the marker parser reads, so `<!--` gets a zero-width
 * joiner: a pasted `<!-- convener:… -->` must not become a marker in the app's own comment.
 */
export function codeSpan(text: string, maxLength = 60): string {
  const short = truncate(text.replace(/\s+/g, " ").trim().replace(/`/g, "'"), maxLength).replace(/<!--/g, "<" + ZWJ + "!--");
  return "`" + (short || " ") + "`";
}

/** Cuts at a code point, never inside a surrogate pair (half an emoji is invalid text on GitHub). */
function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = maxLength - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // a high surrogate would be left without its pair
  return text.slice(0, cut) + "…";
}
