import { explainLogin, isGitHubLogin, readMentions } from "../../core/github-login.js";

/**
 * People in a request are named by GitHub handle. An entry is a line (or a comma-separated part)
 * such as `@alice`, `alice`, `Alice Liddell (@alice)` or `- @alice`. Teams (`@org/team`) are not
 * people; a name without a handle cannot be checked or contacted; an email address is not a handle.
 */
export interface HandleList {
  handles: string[];
  /** Entries that are teams, emails, have no handle, or are not valid handles (`why` says what is wrong). */
  invalid: { entry: string; token?: string; why?: string; reason: "team" | "no-handle" | "bad-handle" | "several" | "email" }[];
}

export function parseHandles(text: string): HandleList {
  const handles: string[] = [];
  const invalid: HandleList["invalid"] = [];
  const entries = text
    .split(/[\n,;]+/)
    .map((e) => e.replace(/^\s*(?:[-*+]|\d+\.)\s+/, "").trim())
    .filter((e) => e.length > 0 && !/^[*_]*none[*_]*$/i.test(e));
  for (const entry of entries) {
    const found = readMentions(entry);
    // An entry's email is only a problem when it is all the entry says (`Ada <ada@x.org> (@ada)` is fine).
    const mentions = found.filter((m) => m.kind !== "email");
    if (mentions.length === 0) {
      const email = found.find((m) => m.kind === "email");
      const bare = entry.replace(/^[*_]+|[*_]+$/g, "");
      if (email) invalid.push({ entry, token: email.token, reason: "email" });
      else if (isGitHubLogin(bare)) handles.push(bare);
      // One word is a handle written without `@`; several words are a name.
      else if (!/\s/.test(bare)) invalid.push({ entry, token: bare, why: explainLogin(bare)!, reason: "bad-handle" });
      else invalid.push({ entry, reason: "no-handle" });
      continue;
    }
    if (mentions.length > 1) {
      invalid.push({ entry, reason: "several" });
      continue;
    }
    const mention = mentions[0]!;
    if (mention.kind === "team") invalid.push({ entry, token: mention.token, reason: "team" });
    else if (mention.kind === "invalid") invalid.push({ entry, token: mention.token, why: mention.why, reason: "bad-handle" });
    else if (mention.kind === "login") handles.push(mention.login);
  }
  const seen = new Set<string>();
  return { handles: handles.filter((h) => !seen.has(h.toLowerCase()) && seen.add(h.toLowerCase())), invalid };
}
