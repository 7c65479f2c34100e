import type { Ballot } from "./timeline.js";
import type { Outcome, Voter } from "./records.js";

export interface Tally {
  outcome: Outcome;
  /** Why, in words, with the arithmetic. */
  why: string;
  yes: Ballot[];
  no: Ballot[];
  abstain: Ballot[];
  electorate: Voter[];
  quorumNeeded: number;
}

/**
 * The governance's formal vote: quorum is a share of the active WG Members casting a ballot
 * (abstentions count towards it); it passes on a simple majority of the yes/no ballots, or two
 * thirds for a scope change. A vote the other side clearly wins is rejected; no quorum, a tie, or a
 * scope change with a majority short of two thirds does not resolve the matter: it is escalated.
 */
export function tallyVote(electorate: Voter[], ballots: Ballot[], scope: boolean, quorumShare: number): Tally {
  const yes = ballots.filter((b) => b.choice === "yes");
  const no = ballots.filter((b) => b.choice === "no");
  const abstain = ballots.filter((b) => b.choice === "abstain");
  const quorumNeeded = Math.max(1, Math.ceil(quorumShare * electorate.length - 1e-9));
  const base = { yes, no, abstain, electorate, quorumNeeded };
  const cast = ballots.length;
  if (cast < quorumNeeded) {
    return { ...base, outcome: "escalated", why: `no quorum: ${cast} of ${electorate.length} WG Members voted, ${quorumNeeded} needed` };
  }
  const decided = yes.length + no.length;
  const arithmetic = `${yes.length} yes, ${no.length} no, ${abstain.length} abstaining`;
  const passed = scope ? decided > 0 && yes.length * 3 >= decided * 2 : yes.length * 2 > decided;
  if (passed) return { ...base, outcome: "accepted", why: `${arithmetic}: ${scope ? "at least two thirds" : "a majority"} of the yes/no ballots are yes` };
  if (no.length > yes.length) return { ...base, outcome: "rejected", why: `${arithmetic}: a majority voted no` };
  const short = scope && yes.length > no.length ? "a majority, but short of the two thirds a scope change needs" : "a tie";
  return { ...base, outcome: "escalated", why: `${arithmetic}: ${short}` };
}

export interface OrganisationPositions {
  organization: string;
  yes: string[];
  no: string[];
  abstain: string[];
  silent: string[];
}

/**
 * Positions per organisation, for the core maintainers an escalation goes to: the governance has it
 * resolved by one who shares no affiliation with the parties, and several voices from one entity
 * weigh less than several entities.
 */
export function summariseByOrganisation(tally: Pick<Tally, "electorate" | "yes" | "no" | "abstain">): OrganisationPositions[] {
  const byOrg = new Map<string, OrganisationPositions>();
  const choiceOf = (login: string) =>
    (["yes", "no", "abstain"] as const).find((c) => tally[c].some((b) => b.voter.toLowerCase() === login.toLowerCase())) ?? "silent";
  for (const voter of tally.electorate) {
    const organization = voter.organization.trim() || "no organisation listed";
    const entry = byOrg.get(organization) ?? { organization, yes: [], no: [], abstain: [], silent: [] };
    entry[choiceOf(voter.login)].push(voter.login);
    byOrg.set(organization, entry);
  }
  return [...byOrg.values()].sort((a, b) => a.organization.localeCompare(b.organization));
}
