/**
 * GitHub's login grammar, shared by every place that reads people from user text (request forms,
 * charters, SEP headers, the roles config). A login is ASCII letters and digits with single hyphens
 * between them, at most 39 characters. A mention is read as a whole token and then judged: cutting a
 * token at the first character outside the grammar (`@fac-kenü` → `fac-ken`) would name someone else.
 */
export const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** What the grammar allows, in the words every message uses. */
export const LOGIN_RULE = "ASCII letters and digits, single hyphens between them, at most 39 characters";

const MAX_LOGIN = 39;
/** GitHub's team slugs: lower-case letters, digits, `-`, `_` and `.` (organisation logins as above). */
const TEAM = /^([^/]+)\/([A-Za-z0-9._-]+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;
/** The at signs that look like `@` but are not (full-width, small): GitHub does not mention with them. */
const LOOKALIKE_AT = /^[\uFF20\uFE6B]/;

export function isGitHubLogin(text: string): boolean {
  return LOGIN.test(text);
}

/** Why `text` is not a login (e.g. "`ë` is not an ASCII letter or digit"), or null when it is one. */
export function explainLogin(text: string): string | null {
  if (LOGIN.test(text)) return null;
  if (text.length === 0) return "it is empty";
  const odd = [...text].find((c) => !/[A-Za-z0-9-]/.test(c));
  if (odd !== undefined) return `${describeCharacter(odd)} is not an ASCII letter, digit or hyphen`;
  if (text.startsWith("-")) return "it starts with a hyphen";
  if (text.endsWith("-")) return "it ends with a hyphen";
  if (text.includes("--")) return "it has two hyphens in a row";
  return `it is ${text.length} characters long (at most ${MAX_LOGIN})`;
}

function describeCharacter(c: string): string {
  const code = "U+" + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  if (/\s/.test(c)) return `a space (${code})`;
  if (c === "`") return "a backtick";
  // A code point tells look-alikes apart (`ａ` vs `a`); plain ASCII needs none.
  return /[\x21-\x7E]/.test(c) ? `\`${c}\`` : `\`${c}\` (${code})`;
}

/** One `@…` token (or an email address) found in text, judged against the grammar. */
export type Mention =
  | { kind: "login"; token: string; login: string }
  | { kind: "team"; token: string; team: string }
  | { kind: "email"; token: string }
  | { kind: "invalid"; token: string; why: string };

/**
 * Characters that end a token: white space, list and bracket punctuation, quotes and table pipes. A
 * letter outside ASCII does not end one: it makes the token invalid.
 */
const DELIMITERS = /[\s,;()<>[\]{}|"'`\u2018\u2019\u201C\u201D]+/u;
/** Markdown emphasis and sentence punctuation around a token (`**@alice**`, `@alice.`), not part of it. */
const LEADING = /^[*_~]+/;
const TRAILING = /[*_~.,:;!?]+$/;

/**
 * Every mention in `text`, in order: `@alice` (also inside `Name (@alice)`, `[@alice](url)` or
 * `**@alice**`), `@org/team`, an email address, or a token that starts with an at sign but is not a
 * login (`@zoë-müller`, `＠alice`, `@alice--b`). Text without an at sign yields nothing.
 */
export function readMentions(text: string): Mention[] {
  const found: Mention[] = [];
  for (const raw of text.split(DELIMITERS)) {
    const token = raw.replace(LEADING, "").replace(TRAILING, "");
    if (!/[@\uFF20\uFE6B]/.test(token)) continue;
    found.push(judgeToken(token));
  }
  return found;
}

function judgeToken(token: string): Mention {
  if (LOOKALIKE_AT.test(token)) {
    return { kind: "invalid", token, why: `it starts with ${describeCharacter(token[0]!)}, not the ASCII \`@\`` };
  }
  if (!token.startsWith("@")) {
    return EMAIL.test(token) ? { kind: "email", token } : { kind: "invalid", token, why: "a handle starts with `@` and has no other `@`" };
  }
  const body = token.slice(1);
  const team = TEAM.exec(body);
  if (team && isGitHubLogin(team[1]!)) return { kind: "team", token, team: body };
  const why = body.includes("@") ? "it has a second `@`" : explainLogin(body);
  return why === null ? { kind: "login", token, login: body } : { kind: "invalid", token, why };
}

/** The logins of a text's valid mentions, without repeats (ignoring case), in order. */
export function listMentionedLogins(text: string): string[] {
  const seen = new Set<string>();
  const logins: string[] = [];
  for (const m of readMentions(text)) {
    if (m.kind !== "login" || seen.has(m.login.toLowerCase())) continue;
    seen.add(m.login.toLowerCase());
    logins.push(m.login);
  }
  return logins;
}
