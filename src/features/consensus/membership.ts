import type { ConsensusGroup } from "./facts.js";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function isLead(group: ConsensusGroup, login: string): boolean {
  return group.leads.some((l) => same(l, login));
}

/** A WG Member as the governance counts them: the Membership table's member levels, and the leads. */
export function isMember(group: ConsensusGroup, login: string): boolean {
  return isLead(group, login) || group.members.some((m) => same(m.login, login));
}

/** Labels naming an open Working Group: the groups a proposal on this item may belong to. */
export function findLabelledGroups(groups: readonly ConsensusGroup[], labels: readonly string[]): ConsensusGroup[] {
  return groups.filter((g) => labels.some((l) => same(l, g.tag)));
}
