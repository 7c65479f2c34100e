import { hasLabel } from "../../core/labels.js";

/**
 * Who holds a channel tag among the requests that claimed it. Each request records the tag it asks
 * for as a label (`tag:auth-ig`) when it is validated, so a tag is looked up by that one label and
 * an event never reads (or parses) the other requests: the cost stays the same however many
 * requests the repository holds.
 *
 * The rule: an approved request holds its tag (open or closed); otherwise the open request created
 * first keeps it. A closed, unapproved request releases it. So a later duplicate never blocks the
 * earlier request, whatever is edited.
 */
export interface ClaimNode {
  number: number;
  state: "OPEN" | "CLOSED";
  createdAt: string;
  labels: { nodes: { name: string }[] };
}

export interface Claimant {
  number: number;
  createdAt: string;
}

/** GitHub's limit on a label name. */
export const MAX_LABEL_LENGTH = 50;

export function claimLabel(prefix: string, tag: string): string {
  return `${prefix}${tag}`;
}

/** The claim labels an issue carries (normally none or one). */
export function claimLabelsOf(labels: readonly string[], prefix: string): string[] {
  return labels.filter((l) => l.toLowerCase().startsWith(prefix.toLowerCase()));
}

/** The number of the request that holds the tag against `self`, or null when `self` may have it. */
export function findHolder(
  claims: readonly ClaimNode[],
  self: Claimant,
  labels: { request: string; approved: string },
): number | null {
  let earliest: ClaimNode | null = null;
  for (const claim of claims) {
    const names = claim.labels.nodes.map((l) => l.name);
    // The claim label alone proves nothing: only group requests take part.
    if (claim.number === self.number || !hasLabel(names, labels.request)) continue;
    if (hasLabel(names, labels.approved)) return claim.number;
    if (claim.state === "OPEN" && isEarlier(claim, self) && (earliest === null || isEarlier(claim, earliest))) earliest = claim;
  }
  return earliest?.number ?? null;
}

function isEarlier(a: Claimant, b: Claimant): boolean {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  return ta !== tb ? ta < tb : a.number < b.number;
}
