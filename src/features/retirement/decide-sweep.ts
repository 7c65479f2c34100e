import type { Config } from "../config-schema.js";
import { planLabels, type Plan, type RepoRef } from "../../core/plan.js";
import type { RetirementConfig } from "./config.js";
import { DUPLICATE_MARKER, renderDuplicateNotice } from "../../core/create-issue.js";
import type { SweepUnits } from "../../core/sweep.js";
import { renderLeadsComment, renderResumed, renderReviewBody, renderReviewTitle, renderSnoozeExpired } from "./render.js";
import { expiredMarkerKey, LEADS_MARKER, RESUMED_MARKER, reviewMarkerKey, type ReviewIssue } from "./review-issue.js";
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
  /** The plan closes duplicate reviews left by racing sweeps. */
  duplicates: boolean;
}

const DAY = 86_400_000;

export function decideGroup(group: GroupActivity, reviews: readonly ReviewIssue[], repo: RepoRef, config: RetirementConfig, now: Date): GroupDecision {
  const all = reviews.filter((r) => r.tag.toLowerCase() === group.tag.toLowerCase());
  const mine = all.filter((r) => r.duplicateOf === null);
  const opened = mine.filter((r) => r.state === "open").sort((a, b) => a.number - b.number);
  const open = opened[0];
  // Duplicates left by racing sweeps go first, whatever else the group needs.
  const cleanup = open ? planCloseDuplicates(opened.slice(1), open.number, repo) : [];
  const result = (verdict: Verdict, staleness: Staleness | null, plan: Plan = []): GroupDecision => ({
    tag: group.tag, verdict, staleness, plan: [...cleanup, ...plan], duplicates: cleanup.length > 0,
  });
  if (group.kind === "ig") return result("skipped-ig", null); // IGs have no time limit
  if (group.status === "retired" || all.some((r) => r.retired)) return result("skipped-retired", null);

  const staleness = measureStaleness(group, config.staleDays, now);
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
    return result("flagged", staleness, planMissingLeads(group, open, repo, now));
  }
  if (!staleness.stale) return result("active", staleness);
  // An open review that lost its label (a person removed it) is still open: never a second one.
  if (group.openReviews?.length) return result("flagged", staleness);
  // A human closed the last review without a decision: that is an answer; ask again only after a full period.
  const dismissed = mine.find((r) => r.state === "closed" && r.closedAt && Date.parse(r.closedAt) + config.staleDays * DAY > now.getTime());
  if (dismissed) return result("dismissed", staleness);
  const leads = renderLeadsComment(group);
  return result("flag", staleness, [
    {
      kind: "issue.create",
      target: repo,
      title: renderReviewTitle(group, config),
      body: renderReviewBody(group, staleness, config, now),
      labels: [config.labels.candidate, group.tag],
      marker: reviewMarkerKey(group.tag, now.toISOString()),
      comments: leads ? [leads] : [],
      reason: `${group.name} is stale (${staleness.staleByTime ? `idle ${staleness.idleDays ?? "∞"} days` : "nothing open"})`,
    },
  ]);
}

/**
 * A review whose leads were never mentioned: its creator stopped between the create and the leads
 * comment. Only once the review is older than a sweep's own writes take, so a run never mentions the
 * leads of a review another run opened a moment ago and is about to announce itself.
 */
const LEADS_GRACE_MS = 3_600_000;

function planMissingLeads(group: GroupActivity, open: ReviewIssue, repo: RepoRef, now: Date): Plan {
  if (open.leadsNotified || Date.parse(open.createdAt) + LEADS_GRACE_MS > now.getTime()) return [];
  const body = renderLeadsComment(group);
  if (!body) return [];
  return [{ kind: "comment.create", target: { ...repo, issue: open.number }, body, marker: LEADS_MARKER, reason: "the review's leads were never mentioned" }];
}

/** Closed, never deleted: anyone who was notified of a duplicate finds the link to the survivor. */
function planCloseDuplicates(duplicates: readonly ReviewIssue[], survivor: number, repo: RepoRef): Plan {
  return duplicates.flatMap((d): Plan => {
    const target = { ...repo, issue: d.number };
    const reason = `a second open review of the same group (#${survivor} is older)`;
    return [
      { kind: "comment.create", target, body: renderDuplicateNotice(survivor), marker: DUPLICATE_MARKER, reason },
      { kind: "issue.update", target, state: "closed", stateReason: "not_planned", reason },
    ];
  });
}

/**
 * Duplicates first (noise that pings people), then unflagging (it lifts a burden), expired snoozes,
 * new flags (longest idle first), and mentions a crashed run never posted.
 */
const PRIORITY: Partial<Record<Verdict, number>> = { resumed: 0, "snooze-expired": 1, flag: 2, flagged: 3 };

/**
 * Every write the groups need, one unit per group: a group's writes go together or wait together
 * for the next run (never a half-closed review). The write cap is the sweep runner's.
 */
export function decideRetirementSweep(input: RetirementSweepInput, config: Config, now: Date): SweepUnits {
  const settings = config.retirement;
  if (!settings.enabled) return { units: [] };
  const decisions = input.groups
    .map((g) => decideGroup(g, input.reviews, input.repo, settings, now))
    .filter((d) => d.plan.length > 0)
    .sort((a, b) => priority(a) - priority(b) || idle(b) - idle(a) || a.tag.localeCompare(b.tag));
  return { units: decisions.map((d) => d.plan) };
}

function priority(d: GroupDecision): number {
  return d.duplicates ? -1 : (PRIORITY[d.verdict] ?? 4);
}

function idle(d: GroupDecision): number {
  return d.staleness?.idleDays ?? Number.MAX_SAFE_INTEGER;
}
