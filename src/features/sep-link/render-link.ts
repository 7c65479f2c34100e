import { codeSpan } from "../../core/escape.js";
import { renderTemplate } from "../../core/templates.js";
import type { Group } from "../../registry/types.js";

export interface UnlinkedFile {
  path: string;
  /** The group as the SEP names it. */
  name: string;
  line: number;
  why: "unknown" | "interest-group" | "retired";
}

export interface SepLinkView {
  marker: string;
  repoUrl: string;
  linked: { group: Group; paths: string[] }[];
  unlinked: UnlinkedFile[];
}

const WHY: Record<UnlinkedFile["why"], string> = {
  unknown: "no registered group has this name or tag",
  "interest-group": "this is an Interest Group; a SEP is owned by a Working Group",
  retired: "this Working Group is retired",
};

/** `https://github.com/o/r/blob/HEAD/docs/…/agents.mdx`: the charter on the default branch, path segments encoded. */
export function charterUrl(repoUrl: string, path: string): string {
  return `${repoUrl.replace(/\/+$/, "")}/blob/HEAD/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** User text shown verbatim in a code span, with HTML-comment openers broken so no fake marker reaches the body. */
function quote(text: string, maxLength = 60): string {
  return codeSpan(text.replace(/<!--/g, "<!- -").replace(/-->/g, "- ->"), maxLength);
}

/** Leads are named with their handles in code spans: quoted, never mentioned. */
export function renderSepLink(view: SepLinkView): string {
  return renderTemplate("sep-link", {
    marker: view.marker,
    groups: view.linked.map(({ group, paths }) => ({
      name: group.name,
      tag: quote(group.tag),
      retiring: group.status === "retiring",
      files: paths.map((p) => quote(p, 120)).join(", "),
      leads: group.leads.map((lead) => ({ name: lead.name ?? "", handle: lead.handle ? quote("@" + lead.handle) : "" })),
      hasLeads: group.leads.length > 0,
      charterPath: quote(group.path, 120),
      charterUrl: charterUrl(view.repoUrl, group.path),
    })),
    unlinked: view.unlinked.map((u) => ({ file: quote(u.path, 120), line: u.line, named: quote(u.name), why: WHY[u.why] })),
    none: view.linked.length === 0,
  });
}
