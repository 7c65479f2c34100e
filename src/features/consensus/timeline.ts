import type { ConsensusComment, ConsensusGroup } from "./facts.js";
import { effectiveTime, timeOf } from "./facts.js";
import { statesResolution } from "./block-text.js";
import { isLead, isMember } from "./membership.js";
import type { ProposalRecord, Voter } from "./records.js";

/** Why a command had no (or only partial) effect: one line of the reply to its comment. */
export type Note =
  | { kind: "alreadyProposed" }
  | { kind: "notMember"; command: string }
  | { kind: "needsResolution" }
  | { kind: "lazyOver"; command: string }
  | { kind: "nothingToLift" }
  | { kind: "notBlocker" }
  | { kind: "alreadyVoting" }
  | { kind: "requestCounted"; count: number; needed: number }
  | { kind: "noVote" }
  | { kind: "lateBallot" }
  | { kind: "badChoice"; choice: string }
  | { kind: "needsRationale" }
  | { kind: "notElectorate" };

export interface Block {
  by: string;
  commentId: number;
  at: string;
}

export interface LazyPhase {
  /** Blocks standing at the end of the lazy period (or now, before it ends). */
  blocks: Block[];
  /** When and why the formal vote opens, once it is due. */
  vote: { at: string; why: string } | null;
}

export interface Ballot {
  voter: string;
  choice: "yes" | "no" | "abstain";
  rationale: string;
  at: string;
  commentId: number;
}

const CHOICES = ["yes", "no", "abstain"] as const;

/** Comments written after the proposal opened (the `/propose` comment itself is the opening). */
function after(proposal: ProposalRecord, comments: readonly ConsensusComment[]): ConsensusComment[] {
  return comments
    .filter((c) => c.id !== proposal.calledBy && timeOf(effectiveTime(c)) >= timeOf(proposal.opened))
    .sort((a, b) => timeOf(effectiveTime(a)) - timeOf(effectiveTime(b)) || a.id - b.id);
}

/**
 * Replays the lazy consensus period from the comments as they stand: blocks (a WG Member's, with
 * alternatives or criteria), their lifting (by the blocker or a lead), and requests for a formal
 * vote (a lead's, or enough WG Members'). Only what happened by the deadline counts, so the same
 * comments give the same answer whenever they are read.
 */
export function replayLazyPhase(
  proposal: ProposalRecord, group: ConsensusGroup, comments: readonly ConsensusComment[], requestsNeeded: number, now: Date, notes: Map<number, Note[]>,
): LazyPhase {
  const note = (c: ConsensusComment, n: Note) => notes.set(c.id, [...(notes.get(c.id) ?? []), n]);
  const blocks = new Map<string, Block>();
  const requesters = new Set<string>();
  let vote: LazyPhase["vote"] = null;
  const deadline = timeOf(proposal.deadline);
  for (const c of after(proposal, comments)) {
    const key = c.author.toLowerCase();
    const at = effectiveTime(c);
    const inTime = timeOf(at) <= deadline;
    for (const k of c.commands) {
      if (k.name === "propose") note(c, { kind: "alreadyProposed" });
      else if (k.name === "block" || k.name === "unblock" || k.name === "formal-vote") {
        if (!isMember(group, c.author)) note(c, { kind: "notMember", command: k.name });
        else if (vote) note(c, { kind: "alreadyVoting" });
        else if (!inTime) note(c, { kind: "lazyOver", command: k.name });
        else if (k.name === "block") {
          if (statesResolution(c.body)) blocks.set(key, { by: c.author, commentId: c.id, at });
          else note(c, { kind: "needsResolution" });
        } else if (k.name === "unblock") {
          const named = k.args[0]?.startsWith("@") ? k.args[0].slice(1).toLowerCase() : undefined; // the rest is a remark
          if (blocks.has(key) && (!named || named === key)) blocks.delete(key);
          else if (!isLead(group, c.author)) note(c, { kind: blocks.size > 0 ? "notBlocker" : "nothingToLift" });
          else if (named) { if (!blocks.delete(named)) note(c, { kind: "nothingToLift" }); }
          else if (blocks.size > 0) blocks.clear();
          else note(c, { kind: "nothingToLift" });
        } else if (isLead(group, c.author)) {
          vote = { at, why: `lead ${c.author} asked for a formal vote` };
        } else {
          requesters.add(key);
          if (requesters.size >= requestsNeeded) vote = { at, why: `${requesters.size} WG Members asked for a formal vote` };
          else note(c, { kind: "requestCounted", count: requesters.size, needed: requestsNeeded });
        }
      }
    }
  }
  const standing = [...blocks.values()];
  if (!vote && standing.length > 0 && now.getTime() >= deadline) {
    vote = { at: proposal.deadline, why: `blocked at the deadline by ${standing.map((b) => b.by).join(", ")}` };
  }
  return { blocks: standing, vote };
}

/**
 * The formal vote's ballots: `/vote yes|no|abstain <rationale>` by a member of the frozen electorate
 * between the opening and the deadline, the latest per voter. Anything else gets a note.
 */
export function collectBallots(
  proposal: ProposalRecord, comments: readonly ConsensusComment[], vote: { opened: string; deadline: string; electorate: readonly Voter[] } | null, notes: Map<number, Note[]>,
): Ballot[] {
  const note = (c: ConsensusComment, n: Note) => notes.set(c.id, [...(notes.get(c.id) ?? []), n]);
  const ballots = new Map<string, Ballot>();
  for (const c of after(proposal, comments)) {
    for (const k of c.commands) {
      if (k.name !== "vote") continue;
      const at = timeOf(effectiveTime(c));
      const choice = (k.args[0] ?? "").toLowerCase();
      const rationale = k.rest.slice((k.args[0] ?? "").length).trim();
      const voter = vote?.electorate.find((v) => v.login.toLowerCase() === c.author.toLowerCase());
      if (!vote || at < timeOf(vote.opened)) note(c, { kind: "noVote" });
      else if (at > timeOf(vote.deadline)) note(c, { kind: "lateBallot" });
      else if (!(CHOICES as readonly string[]).includes(choice)) note(c, { kind: "badChoice", choice: k.args[0] ?? "" });
      else if (!rationale) note(c, { kind: "needsRationale" });
      else if (!voter) note(c, { kind: "notElectorate" });
      else ballots.set(voter.login.toLowerCase(), { voter: voter.login, choice: choice as Ballot["choice"], rationale, at: effectiveTime(c), commentId: c.id });
    }
  }
  return [...ballots.values()];
}
