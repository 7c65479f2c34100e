import type { Config } from "../config-schema.js";
import { hasMarker } from "../../core/markers.js";
import type { IssueRef, RepoRef } from "../../core/plan.js";
import type { HumanComment, OwnComment } from "./facts.js";

/**
 * A vote held in a private repository (`decisions.venue: { repository }`), as the governance holds
 * it in the moderators' private channel: the public request keeps the vote's record (its marker:
 * opening, deadline, electorate) and shows only progress and outcome; the vote issue in the venue
 * holds the call, the ballots and the full result.
 */
export interface VenueState {
  target: IssueRef;
  open: boolean;
  /** Ballots and other comments by people on the venue issue. */
  comments: HumanComment[];
  /** The app's comments there: the vote comment (its 👍/👎 are ballots) and the result. */
  own: OwnComment[];
}

/** The private repository votes are held in, or null when they are held on the request. */
export function readVenueRepo(config: Config): RepoRef | null {
  const venue = config.decisions.venue;
  if (venue === "request") return null;
  const [owner, repo] = venue.repository.split("/") as [string, string];
  return { owner, repo };
}

/** The marker in the venue issue's body: which public request and which of its votes it holds. */
export const VENUE_KEY = (request: IssueRef, n: number) => `decisions:venue:${request.owner}/${request.repo}#${request.issue}:${n}`;
/** The venue's vote comment: a key of its own, so nothing reads it as the public request's vote. */
export const VENUE_VOTE_KEY = (n: number) => `decisions:venue-vote:${n}`;
export const VENUE_RESULT_KEY = (n: number) => `decisions:venue-result:${n}`;

/** Whether an issue is a venue's vote issue (the app's, with the marker): its ballots are read at the tally, not answered one by one. */
export function isVenueIssue(body: string | null | undefined): boolean {
  return typeof body === "string" && /<!-- convener:decisions:venue:/.test(body);
}

export function findVenueIssue<T extends { body: string; viewerDidAuthor: boolean }>(issues: readonly T[], request: IssueRef, n: number): T | null {
  return issues.find((i) => i.viewerDidAuthor && hasMarker(i.body, VENUE_KEY(request, n))) ?? null;
}
