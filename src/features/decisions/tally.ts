import type { Config } from "../config-schema.js";
import type { HumanComment, OwnComment } from "./facts.js";
import type { VoteRecord } from "./vote-state.js";

export type Choice = "yes" | "no" | "abstain";

export interface Ballot {
  voter: string;
  choice: Choice;
  at: string;
  via: "comment" | "reaction";
  /** The ballot comment's address (comments only). */
  url?: string;
}

export interface Tally {
  outcome: "passed" | "failed";
  why: "majority" | "no majority" | "tie" | "quorum not met" | "the request no longer passes intake";
  yes: string[];
  no: string[];
  abstain: string[];
  /** Ballots by people outside the electorate: shown, never counted. */
  nonBinding: Ballot[];
  /** Ballots cast after the deadline: shown, never counted. */
  late: Ballot[];
  electorate: string[];
  /** Every ballot, oldest first, superseded and late ones too: the record a result shows. */
  record: Ballot[];
  /** The arithmetic behind the outcome, for the result to show. */
  count: { denominator: number; needed: number; voted: number; quorum: number };
}

export const CHOICES: readonly Choice[] = ["yes", "no", "abstain"];

/**
 * Every ballot on a vote: `/vote yes|no|abstain` comments written after the vote opened, and 👍/👎 on
 * the vote comment. A comment counts as it reads now; its time is its last edit, so a ballot edited
 * after the deadline is late (the app cannot know what it said before).
 */
export function collectBallots(vote: VoteRecord, comments: readonly HumanComment[], voteComment: OwnComment): Ballot[] {
  const ballots: Ballot[] = [];
  for (const c of comments) {
    if (Date.parse(c.createdAt) < Date.parse(vote.opened)) continue;
    const last = [...c.commands].reverse().find((k) => k.name === "vote" && CHOICES.includes(k.args[0]?.toLowerCase() as Choice));
    if (!last) continue;
    const at = c.lastEditedAt && Date.parse(c.lastEditedAt) > Date.parse(c.createdAt) ? c.lastEditedAt : c.createdAt;
    ballots.push({ voter: c.author, choice: last.args[0]!.toLowerCase() as Choice, at, via: "comment", ...(c.url ? { url: c.url } : {}) });
  }
  for (const r of voteComment.reactions) {
    if (r.isBot) continue;
    const choice = r.content === "THUMBS_UP" ? "yes" : r.content === "THUMBS_DOWN" ? "no" : null;
    if (choice) ballots.push({ voter: r.user, choice, at: r.createdAt, via: "reaction" });
  }
  return ballots.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The latest on-time ballot of each voter counts; moderators (as at the opening) only. */
export function tallyVote(vote: VoteRecord, ballots: readonly Ballot[], config: Config): Tally {
  const d = config.decisions;
  const late = ballots.filter((b) => Date.parse(b.at) > Date.parse(vote.deadline));
  const latest = new Map<string, Ballot>();
  for (const b of ballots) if (!late.includes(b)) latest.set(b.voter.toLowerCase(), b);
  const electorate = new Set(vote.electorate.map((e) => e.toLowerCase()));
  const binding = [...latest.values()].filter((b) => electorate.has(b.voter.toLowerCase()));
  const nonBinding = [...latest.values()].filter((b) => !electorate.has(b.voter.toLowerCase()));
  const who = (choice: Choice) => binding.filter((b) => b.choice === choice).map((b) => b.voter).sort((a, b) => a.localeCompare(b));
  const yes = who("yes");
  const no = who("no");
  const abstain = who("abstain");
  const denominator = d.denominator === "cast" ? yes.length + no.length : vote.electorate.length;
  const count = { denominator, needed: d.threshold * denominator, voted: binding.length, quorum: d.quorum };
  const base = { yes, no, abstain, nonBinding, late, electorate: vote.electorate, record: [...ballots], count };
  if (binding.length < d.quorum) return { ...base, outcome: "failed", why: "quorum not met" };
  if (denominator > 0 && yes.length / denominator > d.threshold) return { ...base, outcome: "passed", why: "majority" };
  return { ...base, outcome: "failed", why: yes.length === no.length && yes.length > 0 ? "tie" : "no majority" };
}
