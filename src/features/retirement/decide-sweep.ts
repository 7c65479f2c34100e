import type { Config } from "../config-schema.js";
import { planLabels, type Plan, type RepoRef } from "../../core/plan.js";
import type { RetirementConfig } from "./config.js";
import { renderResumed, renderReviewBody, renderReviewTitle, renderSnoozeExpired } from "./render.js";
import { expiredMarkerKey, RESUMED_MARKER, reviewMarkerKey, type ReviewIssue } from "./review-issue.js";
import { measureStaleness, type GroupActivity, type Staleness } from "./staleness.js";

/**
 * The pure decision of the retirement sweep, group by group. The app flags and unflags; only
 * humans decide (`/keep-active`, `/retire`). Each verdict emits only what differs from GitHub's state.
 */
export interface RetirementSweepInput {
  repo: RepoRef;
  groups: GroupActivity[];
  /** Review issues the app opened (open, dismissed by a human, or retired), markers already verified. */
  reviews: ReviewIssue[];
}

export type Verdict =
  | "skipped-ig"
  | "skipped-retired"
  | "active"
  | "flag"
  | "flagged"
  | "resumed"
  | "snoozed"
  | "snooze-expired"
  | "dismissed";

export interface GroupDecision {
  tag: string;
  verdict: Verdict;
  staleness: Staleness | null;
  plan: Plan;
}

const DAY = 86_400_000;

export function decideGroup(group: GroupActivity, reviews: readonly ReviewIssue[], repo: RepoRef, config: RetirementConfig, now: Date): GroupDecision {
  const mine = reviews.filter((r) => r.tag.toLowerCase() === group.tag.toLowerCase());
  const result = (verdict: Verdict, staleness: Staleness | null, plan: Plan = []): GroupDecision => ({ tag: group.tag, verdict, staleness, plan });
  if (group.kind === "ig") return result("skipped-ig", null); // IGs have no time limit
  if (group.status === "retired" || mine.some((r) => r.retired)) return result("skipped-retired", null);

  const staleness = measureStaleness(group, config.staleDays, now);
  const open = mine.filter((r) => r.state === "open").sort((a, b) => a.number - b.number)[0];
  if (open) {
    const target = { ...repo, issue: open.number };
    const resumedBy = staleness.lastHuman;
    if (!staleness.stale && resumedBy && Date.parse(resumedBy.at) > Date.parse(open.flaggedAt)) {
      const comment: Plan = open.resumedNoticed
        ? []
        : [{ kind: "comment.create", target, body: renderResumed(group, resumedBy), marker: RESUMED_MARKER, reason: `human activity on #${resumedBy.number} after the flag` }];
      return result("resumed", staleness, [
        ...comment,
        ...planLabels(target, open.labels, [], [config.labels.candidate], "work resumed"),
        { kind: "issue.update", target, state: "closed", stateReason: "completed", reason: "work resumed" },
      ]);
    }
    if (open.snooze && Date.parse(open.snooze.until) > now.getTime()) return result("snoozed", staleness);
    if (open.snooze && staleness.stale && !open.expiryNotices.includes(open.snooze.until)) {
      return result("snooze-expired", staleness, [
        {
          kind: "comment.create",
          target,
          body: renderSnoozeExpired(group, open.snooze, staleness, config),
          marker: expiredMarkerKey(open.snooze.until),
          reason: "the snooze ended and the group is still inactive",
        },
      ]);
    }
    return result("flagged", staleness);
  }
  if (!staleness.stale) return result("active", staleness);
  // An open review that lost its label (a person removed it) is still open: never a second one.
  if (group.openReviews?.length) return result("flagged", staleness);
  // A human closed the last review without a decision: that is an answer; ask again only after a full period.
  const dismissed = mine.find((r) => r.state === "closed" && r.closedAt && Date.parse(r.closedAt) + config.staleDays * DAY > now.getTime());
  if (dismissed) return result("dismissed", staleness);
  return result("flag", staleness, [
    {
      kind: "issue.create",
      target: repo,
      title: renderReviewTitle(group, config),
      body: renderReviewBody(group, staleness, config, now),
      labels: [config.labels.candidate, group.tag],
      marker: reviewMarkerKey(group.tag, now.toISOString()),
      reason: `${group.name} is stale (${staleness.staleByTime ? `idle ${staleness.idleDays ?? "∞"} days` : "nothing open"})`,
    },
  ]);
}

/** Unflagging goes first (it lifts a burden), then expired snoozes, then new flags, longest idle first. */
const PRIORITY: Partial<Record<Verdict, number>> = { resumed: 0, "snooze-expired": 1, flag: 2 };

export function decideRetirementSweep(input: RetirementSweepInput, config: Config, now: Date): Plan {
  const settings = config.retirement;
  if (!settings.enabled) return [];
  const decisions = input.groups
    .map((g) => decideGroup(g, input.reviews, input.repo, settings, now))
    .filter((d) => d.plan.length > 0)
    .sort((a, b) => PRIORITY[a.verdict]! - PRIORITY[b.verdict]! || idle(b) - idle(a) || a.tag.localeCompare(b.tag));
  // A group's writes go together or wait for the next run: never a half-closed review.
  const plan: Plan = [];
  for (const d of decisions) {
    if (plan.length + d.plan.length > settings.maxWritesPerRun) break;
    plan.push(...d.plan);
  }
  return plan;
}

function idle(d: GroupDecision): number {
  return d.staleness?.idleDays ?? Number.MAX_SAFE_INTEGER;
}
