import { parseMarkers } from "../../core/markers.js";
import type { OwnComment } from "./facts.js";

/**
 * A vote lives in the app's own comments: the vote comment's marker holds its number, opening time,
 * deadline, electorate and the comment that called it; a result comment (one per vote) closes it.
 */
export interface VoteRecord {
  n: number;
  opened: string;
  deadline: string;
  electorate: string[];
  /** The `/vote` comment that opened it: a redelivery of that comment must not reply "already open". */
  calledBy: number;
  /** sha256 of the request's description at the opening (votes opened before pinning have none). */
  bodySha256?: string;
  /** The private repository (`owner/name`) the vote is held in, fixed at the opening. */
  venue?: string;
  comment: OwnComment;
}

export interface ResultRecord {
  n: number;
  outcome: "passed" | "failed" | "vetoed";
  commentId: number;
}

export const VOTE_KEY = (n: number) => `decisions:vote:${n}`;
export const RESULT_KEY = (n: number) => `decisions:result:${n}`;

export function readVotes(own: readonly OwnComment[]): VoteRecord[] {
  const votes: VoteRecord[] = [];
  for (const comment of own) {
    for (const marker of parseMarkers(comment.body)) {
      const m = /^decisions:vote:(\d+)$/.exec(marker.key);
      const d = marker.data;
      if (!m || typeof d.opened !== "string" || typeof d.deadline !== "string" || !Array.isArray(d.electorate)) continue;
      if (votes.some((v) => v.n === Number(m[1]))) continue; // a duplicate from a race: the oldest holds
      votes.push({
        n: Number(m[1]),
        opened: d.opened,
        deadline: d.deadline,
        electorate: d.electorate.filter((e): e is string => typeof e === "string"),
        calledBy: typeof d.calledBy === "number" ? d.calledBy : 0,
        ...(typeof d.bodySha256 === "string" ? { bodySha256: d.bodySha256 } : {}),
        ...(typeof d.venue === "string" && /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(d.venue) ? { venue: d.venue } : {}),
        comment,
      });
    }
  }
  return votes.sort((a, b) => a.n - b.n);
}

export function readResults(own: readonly OwnComment[]): ResultRecord[] {
  const results: ResultRecord[] = [];
  for (const comment of own) {
    for (const marker of parseMarkers(comment.body)) {
      const m = /^decisions:result:(\d+)$/.exec(marker.key);
      const outcome = marker.data.outcome;
      if (!m || (outcome !== "passed" && outcome !== "failed" && outcome !== "vetoed")) continue;
      if (results.some((r) => r.n === Number(m[1]))) continue;
      results.push({ n: Number(m[1]), outcome, commentId: comment.id });
    }
  }
  return results;
}

export function hasOwnMarker(own: readonly OwnComment[], key: string): OwnComment | null {
  return own.find((c) => parseMarkers(c.body).some((m) => m.key === key)) ?? null;
}
