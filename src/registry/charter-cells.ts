import type { Link, Nodes } from "mdast";
import { toString } from "mdast-util-to-string";
import { explainLogin, isGitHubLogin, readMentions } from "../core/github-login.js";
import type { RepoRef } from "../core/plan.js";
import type { WorkItem } from "./types.js";

/** Words charters put where a handle will go: not handles. */
const PLACEHOLDER = /^[_*]*(?:tbd|tba|n\/a|none|todo|—|-)[_*]*$/i;

export function linksIn(node: Nodes): Link[] {
  if (node.type === "link") return [node];
  return "children" in node ? (node.children as Nodes[]).flatMap(linksIn) : [];
}

/** `https://github.com/alice` → `alice`; anything else (repos, orgs' pages, other hosts) → undefined. */
function handleFromUrl(url: string): string | undefined {
  const m = /^https?:\/\/(?:www\.)?github\.com\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(url.trim());
  return m && isGitHubLogin(m[1]!) ? m[1] : undefined;
}

/** A piece of a cell meant as a handle that is not one, and why (`ë` is not an ASCII letter…). */
export interface BadHandle {
  text: string;
  why: string;
}

/**
 * The GitHub handles in a cell: `[@alice](https://github.com/alice)`, `@alice`, `Name (@alice)`, or
 * a bare `alice` in a GitHub column. Returns the handles and the pieces of text that were meant as
 * handles but are not; a mention is judged whole, never cut short into another login.
 */
export function readHandles(cell: Nodes, bareAllowed: boolean): { handles: string[]; invalid: BadHandle[] } {
  const handles: string[] = [];
  const invalid: BadHandle[] = [];
  const links = linksIn(cell);
  for (const link of links) {
    const fromText = toString(link).trim().replace(/^@/, "");
    const handle = isGitHubLogin(fromText) ? fromText : handleFromUrl(link.url);
    if (handle) handles.push(handle);
    else invalid.push({ text: toString(link).trim() || link.url, why: explainLogin(fromText) ?? "it links to no GitHub user page" });
  }
  if (links.length === 0) {
    const text = toString(cell);
    const mentions = readMentions(text);
    for (const mention of mentions) {
      if (mention.kind === "login") handles.push(mention.login);
      else if (mention.kind === "team") invalid.push({ text: mention.token, why: "it is a team, not a person" });
      else if (mention.kind === "email") invalid.push({ text: mention.token, why: "it is an email address" });
      else invalid.push({ text: mention.token, why: mention.why });
    }
    // A cell that mentions anyone is read by its mentions only (`@org/team` holds no bare `team`).
    for (const word of bareAllowed && mentions.length === 0 ? text.split(/[\s,;/]+/).filter(Boolean) : []) {
      if (word.includes("@") || /[\uFF20\uFE6B]/.test(word) || PLACEHOLDER.test(word)) continue;
      const why = explainLogin(word);
      if (why === null) handles.push(word);
      else invalid.push({ text: word, why });
    }
  }
  return { handles: [...new Set(handles)], invalid };
}

/** SEP and issue/PR numbers named or linked in a work item's cell. */
export function readWorkItem(cell: Nodes, status: string | undefined, repo: RepoRef | undefined): WorkItem {
  const title = toString(cell).replace(/\s+/g, " ").trim();
  const item: WorkItem = { title };
  const sep = /\bSEP[\s#-]*(\d{1,6})\b/i.exec(title);
  if (sep) item.sep = Number(sep[1]);
  for (const link of linksIn(cell)) {
    const seps = /\/seps\/(\d{1,6})-/.exec(link.url);
    if (seps && item.sep === undefined) item.sep = Number(seps[1]);
    const gh = /^https?:\/\/github\.com\/([^/]+)\/([^/]+)\/(?:pull|issues)\/(\d+)/i.exec(link.url);
    if (gh && item.number === undefined && (!repo || (gh[1]!.toLowerCase() === repo.owner.toLowerCase() && gh[2]!.toLowerCase() === repo.repo.toLowerCase()))) {
      item.number = Number(gh[3]);
      item.url = link.url;
    } else if (!item.url && /^https?:/.test(link.url)) {
      item.url = link.url;
    }
  }
  if (status) item.status = status;
  return item;
}
