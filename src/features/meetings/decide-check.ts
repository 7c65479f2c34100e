import type { Config } from "../config-schema.js";
import { planCheckRun } from "../../core/check-runs.js";
import type { CheckAnnotation, Plan } from "../../core/plan.js";
import type { MeetingsPullInput } from "./gather-pull.js";
import { readAgenda } from "./read-agenda.js";
import { renderCheckSummary } from "./render.js";

const DAY = 86_400_000;

/**
 * The `Meeting agenda` check on a pull request: every problem of every touched agenda file as a
 * failure annotation at its line, and for each valid meeting a notice with its time in UTC (so the
 * reviewer sees what the calendar will say) or a warning when it is late or in the past.
 */
export function decideAgendaCheck(input: MeetingsPullInput, config: Config, now: Date): Plan {
  const settings = config.meetings;
  const checks = input.files.map((f) => readAgenda(f, input.groups, settings.maxAgendaBytes));
  const problems = [
    ...input.misplaced.map((m) => ({ path: m.path, line: 1, message: m.message })),
    ...checks.flatMap((c) => (c.kind === "invalid" ? c.problems : [])),
  ];
  const annotations: CheckAnnotation[] = problems.map((p) => ({
    path: p.path, start_line: p.line, end_line: p.line, annotation_level: "failure", title: "Agenda problem", message: p.message,
  }));
  const meetings = checks.flatMap((c) => (c.kind === "valid" ? [c] : []));
  for (const { agenda, groupName } of meetings) {
    const startsIn = Date.parse(agenda.when.startUtc) - now.getTime();
    const timing = startsIn < 0 ? "this meeting is in the past: no notes issue will be opened for it"
      : startsIn < settings.noticeDays * DAY ? `this meeting is less than ${settings.noticeDays} days away: merging it will post a late-notice warning`
      : null;
    annotations.push({
      path: agenda.path, start_line: 1, end_line: 1, annotation_level: timing ? "warning" : "notice", title: `${groupName} meeting`,
      message: `${agenda.when.localLabel} = ${agenda.when.utcLabel}${agenda.cancelled ? " (cancelled)" : ""}${timing ? `; ${timing}` : ""}`,
    });
  }
  const failed = problems.length > 0;
  return planCheckRun({
    target: input.repo,
    name: settings.checkName,
    headSha: input.headSha,
    completedAt: now.toISOString(),
    conclusion: failed ? "failure" : "success",
    title: failed ? `${problems.length} problem${problems.length === 1 ? "" : "s"} in agenda files` : `${meetings.length} valid agenda file${meetings.length === 1 ? "" : "s"}`,
    summary: renderCheckSummary(problems, meetings.map((m) => ({ path: m.agenda.path, group: m.groupName, local: m.agenda.when.localLabel, utc: m.agenda.when.utcLabel, cancelled: m.agenda.cancelled }))),
    annotations,
    reason: "a pull request touches agenda files",
  }, input.latestRun, input.trigger);
}
