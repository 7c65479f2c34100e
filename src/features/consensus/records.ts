import { parseMarkers } from "../../core/markers.js";
import type { OwnComment } from "./facts.js";

/**
 * A proposal lives in the app's own comments: the proposal comment's `consensus` marker (the
 * contract other features read: `deadline`, `size`, `state`), one `consensus:vote` comment when a
 * formal vote opens (its electorate frozen), and one `consensus:result` comment that closes it.
 */
export const PROPOSAL_KEY = "consensus";
export const VOTE_KEY = "consensus:vote";
export const RESULT_KEY = "consensus:result";
export const REPLY_KEY = (commentId: number) => `consensus:reply:${commentId}`;

export type Size = "minor" | "significant";
export type ProposalState = "pending" | "blocked" | "voting" | "accepted" | "rejected" | "escalated";
export type Outcome = "accepted" | "rejected" | "escalated";

export interface ProposalRecord {
  comment: OwnComment;
  size: Size;
  scope: boolean;
  group: string;
  proposer: string;
  /** The `/propose` comment: its redelivery gets no "already proposed" reply. */
  calledBy: number;
  opened: string;
  deadline: string;
  /** What was proposed, as announced: a later edit of the `/propose` comment does not change it. */
  summary: string;
  state: string;
}

export interface Voter {
  login: string;
  organization: string;
}

export interface VoteRecord {
  comment: OwnComment;
  opened: string;
  deadline: string;
  electorate: Voter[];
  why: string;
}

export interface ResultRecord {
  comment: OwnComment;
  outcome: Outcome;
}

const str = (v: unknown): v is string => typeof v === "string";

function findMarked(own: readonly OwnComment[], key: string) {
  for (const comment of own) {
    const marker = parseMarkers(comment.body).find((m) => m.key === key);
    if (marker) return { comment, data: marker.data }; // a duplicate from a race: the oldest holds
  }
  return null;
}

export function readProposal(own: readonly OwnComment[]): ProposalRecord | null {
  const found = findMarked(own, PROPOSAL_KEY);
  const d = found?.data;
  if (!found || !d || (d.size !== "minor" && d.size !== "significant") || !str(d.deadline) || !str(d.opened) || !str(d.group) || !str(d.proposer)) return null;
  return {
    comment: found.comment, size: d.size, scope: d.scope === true, group: d.group, proposer: d.proposer,
    calledBy: typeof d.calledBy === "number" ? d.calledBy : 0, opened: d.opened, deadline: d.deadline, summary: str(d.summary) ? d.summary : "", state: str(d.state) ? d.state : "pending",
  };
}

export function readVote(own: readonly OwnComment[]): VoteRecord | null {
  const found = findMarked(own, VOTE_KEY);
  const d = found?.data;
  if (!found || !d || !str(d.opened) || !str(d.deadline) || !Array.isArray(d.electorate)) return null;
  const electorate = d.electorate
    .filter((v): v is Voter => Boolean(v) && typeof v === "object" && str((v as Voter).login))
    .map((v) => ({ login: v.login, organization: str(v.organization) ? v.organization : "" }));
  return { comment: found.comment, opened: d.opened, deadline: d.deadline, electorate, why: str(d.why) ? d.why : "" };
}

export function readResult(own: readonly OwnComment[]): ResultRecord | null {
  const found = findMarked(own, RESULT_KEY);
  const o = found?.data.outcome;
  if (!found || (o !== "accepted" && o !== "rejected" && o !== "escalated")) return null;
  return { comment: found.comment, outcome: o };
}

export function hasOwnMarker(own: readonly OwnComment[], key: string): boolean {
  return own.some((c) => parseMarkers(c.body).some((m) => m.key === key));
}
