import type { AppIdentity } from "../../core/identity.js";
import { DUPLICATE_MARKER } from "../../core/create-issue.js";
import { findMarker, parseMarkers, renderMarker } from "../../core/markers.js";
import type { GqlReview, GqlReviewComment } from "./queries.js";
import { isBotActor } from "./activity.js";

/**
 * A review issue keeps its state on GitHub: the app's marker in the body says which group it is
 * about and when it was flagged; the app's comments record snoozes (`/keep-active`), the retirement
 * (`/retire`) and the notices already given. Markers are believed only where the app wrote them.
 */
export const REVIEW_MARKER_PREFIX = "retirement-review:";
export const SNOOZE_MARKER = "retirement-snooze";
export const RETIRED_MARKER = "retirement-retired";
export const EXPIRED_MARKER = "retirement-snooze-expired";
export const RESUMED_MARKER = "retirement-resumed";
export const REPLY_MARKER = "retirement-reply";
/** The comment that mentions the leads; the review's body names them without notifying them. */
export const LEADS_MARKER = "retirement-leads";

/** One key per answered comment, so applyPlan's duplicate removal keeps exactly one reply each. */
export function replyMarkerKey(commentId: number): string {
  return `${REPLY_MARKER}:${commentId}`;
}

/** One key per snooze end date: a notice is given once per snooze. */
export function expiredMarkerKey(until: string): string {
  return `${EXPIRED_MARKER}:${until.slice(0, 10)}`;
}

export interface Snooze {
  until: string;
  by: string;
  /** The `/keep-active` comment it answers. */
  comment: number;
}

export interface ReviewIssue {
  number: number;
  createdAt: string;
  tag: string;
  flaggedAt: string;
  state: "open" | "closed";
  closedAt: string | null;
  labels: string[];
  /** The latest snooze recorded by the app, if any. */
  snooze: Snooze | null;
  retired: boolean;
  /** Snooze end dates the app already announced as expired. */
  expiryNotices: string[];
  /** The app already said work resumed (a run cut short by the write cap, or a race): say it once. */
  resumedNoticed: boolean;
  /** The leads were mentioned: in the leads comment, or in the body of a review from before that comment existed. */
  leadsNotified: boolean;
  /** Closed by the app as a duplicate of this review: not a review of its own. */
  duplicateOf: number | null;
}

/**
 * `retirement-review:<tag>:<day>`: unique per group and day, so applyPlan's dedupe re-check stops a
 * second issue from a racing sweep that day, yet a later review of the same group is a new issue.
 */
export function reviewMarkerKey(tag: string, flaggedAt: string): string {
  return `${REVIEW_MARKER_PREFIX}${tag.toLowerCase()}:${flaggedAt.slice(0, 10)}`;
}

/** `mentions: "comment"`: the leads are mentioned in a comment, posted only by the run whose issue survived. */
export function renderReviewMarker(tag: string, flaggedAt: string): string {
  return renderMarker(reviewMarkerKey(tag, flaggedAt), { tag, flaggedAt, mentions: "comment" });
}

export function renderSnoozeMarker(snooze: Snooze): string {
  return renderMarker(SNOOZE_MARKER, { ...snooze });
}

/** True when the app wrote it: GitHub's `viewerDidAuthor`, or the app's bot login. */
export function isAppAuthored(node: { viewerDidAuthor?: boolean; author: { __typename: string; login: string } | null }, identity: AppIdentity): boolean {
  if (node.viewerDidAuthor) return true;
  if (!node.author || identity.login === undefined || !isBotActor(node.author, {})) return false;
  const bare = (l: string) => l.toLowerCase().replace(/\[bot\]$/, "");
  return bare(node.author.login) === bare(identity.login);
}

/** The review issue as state, or null when it is not one the app opened (a pasted marker is ignored). */
export function readReviewIssue(issue: GqlReview, identity: AppIdentity): ReviewIssue | null {
  if (!isAppAuthored(issue, identity)) return null;
  const marker = parseMarkers(issue.body).find((m) => m.key.startsWith(REVIEW_MARKER_PREFIX));
  if (!marker) return null;
  const tag = typeof marker.data.tag === "string" ? marker.data.tag : marker.key.slice(REVIEW_MARKER_PREFIX.length).replace(/:[^:]*$/, "");
  const flaggedAt = typeof marker.data.flaggedAt === "string" && !Number.isNaN(Date.parse(marker.data.flaggedAt)) ? marker.data.flaggedAt : issue.createdAt;
  const own = issue.comments.nodes.filter((c) => isAppAuthored(c, identity)).sort(byCreated);
  let snooze: Snooze | null = null;
  let retired = false;
  let resumedNoticed = false;
  // Reviews opened before the leads comment existed mentioned the leads in their body.
  let leadsNotified = marker.data.mentions !== "comment";
  let duplicateOf: number | null = null;
  const expiryNotices: string[] = [];
  for (const comment of own) {
    const s = findMarker(comment.body, SNOOZE_MARKER)?.data;
    if (s && typeof s.until === "string" && !Number.isNaN(Date.parse(s.until))) {
      snooze = { until: s.until, by: String(s.by ?? ""), comment: Number(s.comment ?? 0) };
    }
    if (findMarker(comment.body, RETIRED_MARKER)) retired = true;
    if (findMarker(comment.body, RESUMED_MARKER)) resumedNoticed = true;
    if (findMarker(comment.body, LEADS_MARKER)) leadsNotified = true;
    const survivor = Number(findMarker(comment.body, DUPLICATE_MARKER)?.data.survivor);
    if (Number.isInteger(survivor) && survivor > 0) duplicateOf = survivor;
    const e = parseMarkers(comment.body).find((m) => m.key.startsWith(EXPIRED_MARKER + ":"))?.data;
    if (e && typeof e.until === "string") expiryNotices.push(e.until);
  }
  const labels = issue.labels.nodes.map((l) => l.name);
  return {
    number: issue.number,
    createdAt: issue.createdAt,
    tag,
    flaggedAt,
    state: issue.state === "OPEN" ? "open" : "closed",
    closedAt: issue.closedAt,
    labels,
    snooze,
    retired,
    expiryNotices,
    resumedNoticed,
    leadsNotified,
    duplicateOf,
  };
}

function byCreated(a: GqlReviewComment, b: GqlReviewComment): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.databaseId - b.databaseId;
}
