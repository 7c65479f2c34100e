import type { Link, Nodes } from "mdast";
import { toString } from "mdast-util-to-string";
import type { RepoRef } from "../core/plan.js";
import type { WorkItem } from "./types.js";

/** Words charters put where a handle will go: not handles. */
const PLACEHOLDER = /^[_*]*(?:tbd|tba|n\/a|none|todo|—|-)[_*]*$/i;

const HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export function isGitHubHandle(text: string): boolean {
  return HANDLE.test(text);
}

export function linksIn(node: Nodes): Link[] {
  if (node.type === "link") return [node];
  return "children" in node ? (node.children as Nodes[]).flatMap(linksIn) : [];
}

/** `https://github.com/alice` → `alice`; anything else (repos, orgs' pages, other hosts) → undefined. */
function handleFromUrl(url: string): string | undefined {
  const m = /^https?:\/\/(?:www\.)?github\.com\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(url.trim());
  return m && isGitHubHandle(m[1]!) ? m[1] : undefined;
}

/**
 * The GitHub handles in a cell: `[@alice](https://github.com/alice)`, `@alice`, or a bare `alice` in
 * a GitHub column. Returns the handles and the pieces of text that were meant as handles but are not.
 */
export function readHandles(cell: Nodes, bareAllowed: boolean): { handles: string[]; invalid: string[] } {
  const handles: string[] = [];
  const invalid: string[] = [];
  const links = linksIn(cell);
  for (const link of links) {
    const fromText = toString(link).trim().replace(/^@/, "");
    const handle = isGitHubHandle(fromText) ? fromText : handleFromUrl(link.url);
    if (handle) handles.push(handle);
    else invalid.push(toString(link).trim() || link.url);
  }
  if (links.length === 0) {
    for (const word of toString(cell).split(/[\s,;/]+/).filter(Boolean)) {
      const bare = word.replace(/^@/, "");
      if (!word.startsWith("@") && (!bareAllowed || PLACEHOLDER.test(word))) continue;
      if (isGitHubHandle(bare)) handles.push(bare);
      else if (!PLACEHOLDER.test(word)) invalid.push(word);
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
