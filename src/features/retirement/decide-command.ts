import type { Config } from "../config-schema.js";
import { renderMarker } from "../../core/markers.js";
import { planLabels, type Plan } from "../../core/plan.js";
import { renderTemplate } from "../../core/templates.js";
import type { RetirementConfig } from "./config.js";
import type { RetirementCommandInput } from "./gather-command.js";
import { setCharterStatus } from "./charter-status.js";
import { formatDate } from "./render.js";
import { replyMarkerKey, RETIRED_MARKER, renderSnoozeMarker } from "./review-issue.js";

const DAY = 86_400_000;

/**
 * `/keep-active <days> <reason>` records a snooze in the app's reply (the sweep reads it back);
 * `/retire` records the decision, labels the issue retired and closes it. Each comment gets one
 * reply at most, keyed by its id; the label and state steps are re-planned from the current state,
 * so a redelivery completes a half-applied retirement without a second reply.
 */
export function decideRetirementCommand(input: RetirementCommandInput, config: Config, now: Date): Plan {
  // A late or redelivered command keeps the date it was written on.
  const at = Number.isNaN(Date.parse(input.commentedAt)) ? now : new Date(input.commentedAt);
  const settings = config.retirement;
  const { target, review, command } = input;
  const replyKey = replyMarkerKey(input.commentId);
  const replyMarker = renderMarker(replyKey);
  const reply = (view: Record<string, unknown>, extraMarker = ""): Plan =>
    input.alreadyReplied
      ? []
      : [
          {
            kind: "comment.create",
            target,
            marker: replyKey,
            body: renderTemplate("retirement-command-reply", {
              marker: replyMarker + extraMarker,
              by: "@" + input.author,
              name: input.groupName,
              command: command.name,
              maxSnoozeDays: settings.maxSnoozeDays,
              retiredLabel: settings.labels.retired,
              ...view,
            }),
            reason: `reply to /${command.name} (comment ${input.commentId})`,
          },
        ];

  // Only core or lead maintainers complete a retirement again (a redelivery, or a person reopened the issue).
  if (review.retired && command.name === "retire" && input.authorised) return finishRetirement(input, settings, at);
  if (review.state !== "open") return reply({ closed: true });
  if (!input.authorised) return reply({ refused: true, allowed: input.allowed });

  if (command.name === "retire") {
    const proposal = planCharterPr(input, settings, at);
    return [
      ...reply(
        { retired: true, date: formatDate(at.toISOString()), charterPath: proposal.length > 0 ? input.charter!.path : false },
        renderMarker(RETIRED_MARKER, { by: input.author, at: at.toISOString() }),
      ),
      ...finishRetirement(input, settings, at),
    ];
  }
  const parsed = parseKeepActive(input.command.args, input.command.rest, settings.maxSnoozeDays);
  if (!parsed.ok) return reply({ invalid: true, problem: parsed.problem });
  const until = new Date(at.getTime() + parsed.days * DAY).toISOString();
  return reply(
    { snoozed: true, until: formatDate(until), days: parsed.days, plural: parsed.days === 1 ? "" : "s", reason: parsed.reason },
    renderSnoozeMarker({ until, by: input.author, comment: input.commentId }),
  );
}

/** Labels, close, and the optional charter pull request: re-planned on a redelivery, so a cut-short run completes. */
function finishRetirement(input: RetirementCommandInput, settings: RetirementConfig, at: Date): Plan {
  const { target, review } = input;
  const plan = planLabels(target, review.labels, [settings.labels.retired], [settings.labels.candidate], "retired by an authorised /retire");
  if (review.state === "open") plan.push({ kind: "issue.update", target, state: "closed", stateReason: "completed", reason: "the group is retired" });
  return [...plan, ...planCharterPr(input, settings, at)];
}

function planCharterPr(input: RetirementCommandInput, settings: RetirementConfig, at: Date): Plan {
  if (!settings.openCharterPr || !input.charter || !input.authorised) return [];
  const content = setCharterStatus(input.charter.text, "retired");
  if (content === null) return []; // already retired, or front matter a person should edit
  const { owner, repo } = input.target;
  return [
    {
      kind: "pull.create",
      target: { owner, repo },
      base: input.charter.base,
      branch: `convener/retire-${input.review.tag.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`,
      path: input.charter.path,
      content,
      commitMessage: `Retire the ${input.groupName} Working Group (status: retired)`,
      title: `Retire the ${input.groupName} Working Group`,
      body: renderTemplate("retirement-charter-pr", {
        name: input.groupName, path: input.charter.path, by: "@" + input.author, review: input.review.number, date: formatDate(at.toISOString()),
      }),
      reason: `/retire by ${input.author}: propose status: retired in the charter`,
    },
  ];
}

export type KeepActive = { ok: true; days: number; reason: string } | { ok: false; problem: string };

export function parseKeepActive(args: readonly string[], rest: string, maxDays: number): KeepActive {
  const first = args[0];
  if (first === undefined) return { ok: false, problem: "the number of days is missing." };
  if (!/^\d+$/.test(first)) return { ok: false, problem: `the number of days must be a whole number, not \`${first.replace(/`/g, "'").slice(0, 20)}\`.` };
  const days = Number(first);
  if (days < 1 || days > maxDays) return { ok: false, problem: `the number of days must be from 1 to ${maxDays}, not ${days}.` };
  const reason = rest.slice(rest.indexOf(first) + first.length).trim();
  if (!reason) return { ok: false, problem: "a reason is required, so the next reviewer knows why the group was kept." };
  return { ok: true, days, reason };
}
