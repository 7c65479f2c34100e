import type { AppIdentity } from "../../core/identity.js";
import type { GqlActor, GqlEvent, GqlItem } from "./queries.js";

/**
 * Turns an item's timeline into its last HUMAN activity. Bots (any `Bot` actor, any `…[bot]`
 * login, the app itself) never count: the most reported bug of actions/stale is bot activity
 * keeping items alive.
 */
export type ActivityKind = "opened" | "comment" | "commit" | "review" | "label" | "state";

export interface Activity {
  /** ISO timestamp. */
  at: string;
  actor: string;
  kind: ActivityKind;
  /** The item it happened on. */
  number: number;
}

export interface TrackedItem {
  number: number;
  title: string;
  url: string;
  isPullRequest: boolean;
  state: "open" | "closed" | "merged";
  closedAt: string | null;
  lastHuman: Activity | null;
}

const KIND_OF: Record<string, ActivityKind> = {
  IssueComment: "comment",
  PullRequestReview: "review",
  PullRequestCommit: "commit",
  LabeledEvent: "label",
  UnlabeledEvent: "label",
  ClosedEvent: "state",
  ReopenedEvent: "state",
  MergedEvent: "state",
  ReadyForReviewEvent: "state",
  ConvertToDraftEvent: "state",
};

/** GraphQL names a GitHub App's bot `convener` where REST says `convener[bot]`. */
function bare(login: string): string {
  return login.toLowerCase().replace(/\[bot\]$/, "");
}

export function isBotActor(actor: GqlActor | null | undefined, identity: AppIdentity): boolean {
  if (!actor) return true; // no actor: nobody we can credit
  if (actor.__typename === "Bot" || actor.login.toLowerCase().endsWith("[bot]")) return true;
  return identity.login !== undefined && bare(actor.login) === bare(identity.login);
}

function activityOf(event: GqlEvent, number: number, identity: AppIdentity): Activity | null {
  const kind = KIND_OF[event.__typename];
  if (!kind) return null;
  if (event.__typename === "PullRequestCommit") {
    const commit = event.commit;
    if (!commit) return null;
    // A commit's author is a git identity: linked to a user, or only a name (bots sign as `x[bot]`).
    const login = commit.author?.user?.login ?? commit.author?.name ?? "";
    if (!login || login.toLowerCase().endsWith("[bot]")) return null;
    if (identity.login !== undefined && bare(login) === bare(identity.login)) return null;
    return { at: commit.committedDate, actor: login, kind, number };
  }
  const who = event.author ?? event.actor ?? null;
  if (!event.createdAt || isBotActor(who, identity)) return null;
  return { at: event.createdAt, actor: who!.login, kind, number };
}

function later(a: Activity | null, b: Activity | null): Activity | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.at) > Date.parse(a.at) ? b : a;
}

export function latestActivity(activities: readonly (Activity | null)[]): Activity | null {
  return activities.reduce<Activity | null>((best, a) => later(best, a), null);
}

/** One tracked item as the decision needs it. Opening an item by a human is activity too. */
export function readTrackedItem(item: GqlItem, identity: AppIdentity): TrackedItem {
  const opened: Activity | null = isBotActor(item.author, identity)
    ? null
    : { at: item.createdAt, actor: item.author!.login, kind: "opened", number: item.number };
  const events = (item.timelineItems?.nodes ?? []).map((e) => (e ? activityOf(e, item.number, identity) : null));
  const raw = item.prState ?? item.state ?? "OPEN";
  return {
    number: item.number,
    title: item.title,
    url: item.url,
    isPullRequest: item.prState !== undefined,
    state: raw === "OPEN" ? "open" : raw === "MERGED" ? "merged" : "closed",
    closedAt: item.closedAt,
    lastHuman: latestActivity([opened, ...events]),
  };
}

export function isGqlItem(node: unknown): node is GqlItem {
  return typeof node === "object" && node !== null && typeof (node as GqlItem).number === "number";
}
