import { mentionHandle } from "../../core/escape.js";
import { isGitHubLogin } from "../../core/github-login.js";
import { renderMarker } from "../../core/markers.js";
import { renderTemplate } from "../../core/templates.js";
import type { Activity, ActivityKind } from "./activity.js";
import type { RetirementConfig } from "./config.js";
import { expiredMarkerKey, LEADS_MARKER, RESUMED_MARKER, renderReviewMarker, type Snooze } from "./review-issue.js";
import type { GroupActivity, Staleness } from "./staleness.js";

/** The text of everything the sweep writes; wording lives in `templates/messages/retirement-*.md`. */
const KIND_TEXT: Record<ActivityKind, string> = {
  opened: "opened it",
  comment: "comment",
  commit: "commit",
  review: "review",
  label: "label change",
  state: "state change",
};

export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

/** Why the group is stale, as the end of "this Working Group …". */
export function renderReason(staleness: Staleness, config: RetirementConfig): string {
  const parts: string[] = [];
  if (staleness.staleByTime) {
    parts.push(
      staleness.lastHuman
        ? `has had no human activity on its tracked issues and pull requests since ${formatDate(staleness.lastHuman.at)} (${staleness.idleDays} days; the limit is ${config.staleDays})`
        : `has no human activity on record on its tracked issues and pull requests (the limit is ${config.staleDays} days)`,
    );
  }
  if (staleness.nothingOpen) parts.push("has no open tracked issue or pull request left");
  return parts.join(", and ");
}

function renderActivity(a: Activity | null): string {
  if (!a) return "none by a human";
  return `${formatDate(a.at)}, ${renderTemplateValue(a.actor)} (${KIND_TEXT[a.kind]})`;
}

/** A login shown without notifying its owner (the evidence table must not ping every participant). */
function renderTemplateValue(login: string): string {
  return "@\u200d" + login.replace(/[^A-Za-z0-9-]/g, "");
}

export function renderReviewTitle(group: GroupActivity, config: RetirementConfig): string {
  return `${config.titlePrefix} ${group.name}`;
}

/** Handles a mention may name (the charter is user text): anything else is left out. */
export function listLeadHandles(group: GroupActivity): string[] {
  return group.leads.filter(isGitHubLogin);
}

/** The one comment that mentions the leads; null when the charter names none. */
export function renderLeadsComment(group: GroupActivity): string | null {
  const leads = listLeadHandles(group);
  if (leads.length === 0) return null;
  return renderTemplate("retirement-leads", {
    marker: renderMarker(LEADS_MARKER, {}),
    leads: leads.map(mentionHandle).join(", "),
    name: group.name,
  });
}

export function renderReviewBody(group: GroupActivity, staleness: Staleness, config: RetirementConfig, now: Date): string {
  const leads = listLeadHandles(group);
  const items = [...group.items].sort((a, b) => (a.state === "open" ? 0 : 1) - (b.state === "open" ? 0 : 1) || a.number - b.number);
  return renderTemplate("retirement-review", {
    marker: renderReviewMarker(group.tag, now.toISOString()),
    name: group.name,
    tag: group.tag,
    reasonText: renderReason(staleness, config),
    // Named without a mention: the leads comment notifies them, posted once by the run whose issue survived.
    leadsLine: leads.length > 0 ? `Leads: ${leads.map(renderTemplateValue).join(", ")} (asked in the comment below).` : "The charter names no lead with a GitHub handle.",
    hasItems: items.length > 0,
    items: items.map((i) => ({
      number: i.number,
      url: i.url,
      title: i.title,
      activity: renderActivity(i.lastHuman),
      state: i.state,
    })),
    moreItems: group.unreadItems > 0 ? group.unreadItems : false,
    staleDays: config.staleDays,
    maxSnoozeDays: config.maxSnoozeDays,
    retiredLabel: config.labels.retired,
  });
}

export function renderResumed(group: GroupActivity, activity: Activity): string {
  const item = group.items.find((i) => i.number === activity.number);
  return renderTemplate("retirement-resumed", {
    marker: renderMarker(RESUMED_MARKER, { at: activity.at }),
    actor: "@" + activity.actor,
    kind: KIND_TEXT[activity.kind],
    number: activity.number,
    url: item?.url ?? "",
    date: formatDate(activity.at),
    name: group.name,
  });
}

export function renderSnoozeExpired(group: GroupActivity, snooze: Snooze, staleness: Staleness, config: RetirementConfig): string {
  return renderTemplate("retirement-snooze-expired", {
    marker: renderMarker(expiredMarkerKey(snooze.until), { until: snooze.until }),
    by: "@" + snooze.by,
    until: formatDate(snooze.until),
    name: group.name,
    reasonText: renderReason(staleness, config),
  });
}
