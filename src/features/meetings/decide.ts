import type { Config } from "../config-schema.js";
import type { Plan } from "../../core/plan.js";
import { planNotesComment, planNotesLabels, planNotesUpdate, type NotesChange } from "./notes-writes.js";
import type { MeetingsInput, MeetingsPushInput, PushedAgenda } from "./gather.js";
import { decideAgendaCheck } from "./decide-check.js";
import { currentBlock, meetingKey, readBlockCommit, readBlockSequence, readBlockStart, replaceBlock, type NotesIssue } from "./notes-issue.js";
import { readAgenda, type AgendaCheck } from "./read-agenda.js";
import { findPreviousNotes, readOpenActionItems } from "./previous-notes.js";
import { listReminders } from "./notes-reminder.js";
import { renderCancelled, renderCheckSummary, renderLate, renderNotesBlock, renderNotesBody, renderProblems, renderTitle, type BlockContext } from "./render.js";
import type { AgendaProblem } from "./parse-agenda.js";
import { planCheckRun } from "../../core/check-runs.js";

/**
 * From the agenda files a push touched to the writes that make the notes issues match them. Pure:
 * the same input gives the same plan, and a plan applied once leaves nothing to do the next time
 * (a redelivered push finds the issue by its marker and the block already current).
 */
export function decideMeetings(input: MeetingsInput, config: Config, now: Date): Plan {
  return input.kind === "pull" ? decideAgendaCheck(input, config, now) : decidePush(input, config, now);
}

function decidePush(input: MeetingsPushInput, config: Config, now: Date): Plan {
  const settings = config.meetings;
  const checks = input.files.map((file) => readAgenda(file, input.groups, settings.maxAgendaBytes));
  const problems = [
    ...input.misplaced.map((m) => ({ path: m.path, line: m.line ?? 1, message: m.message })),
    ...checks.flatMap((c) => (c.kind === "invalid" ? c.problems : [])),
  ];
  const plan: Plan = [];
  const issueOf = (tag: string, date: string) => input.issues.find((i) => i.meeting === meetingKey(tag, date)) ?? null;
  const moves = pairMoves(checks, issueOf, now);
  for (const check of checks) {
    if (check.kind === "invalid") continue;
    if (check.kind === "removed") {
      if (moves.has(check.file.path)) continue;
      const issue = issueOf(check.file.tag, check.file.date);
      // Clearing out old agenda files must not mark meetings that took place as cancelled.
      if (hasTakenPlace(issue, check.file.date, now)) continue;
      if (issue) plan.push(...planCancel(input, issue, check.file, `its agenda file \`${check.file.path}\` was deleted (at ${input.headSha.slice(0, 7)})`));
      continue;
    }
    const { agenda, groupName } = check;
    const movedFrom = [...moves.entries()].find(([, to]) => to === agenda.path)?.[0];
    const issue = issueOf(agenda.tag, agenda.date) ?? (movedFrom ? issueOf(agenda.tag, dateOf(movedFrom)) : null);
    const at: BlockContext = { repo: input.repo, htmlUrl: input.htmlUrl, sha: input.headSha, groupName };
    const block = renderNotesBlock(agenda, at);
    const title = renderTitle(settings.titleFormat, groupName, agenda.tag, agenda.date);
    const startsIn = Date.parse(agenda.when.startUtc) - now.getTime();
    if (!issue) {
      if (agenda.cancelled || (startsIn < 0 && !settings.openPastMeetings)) continue;
      // A series was published long before: its occurrences open `openAhead` days ahead by design.
      const late = !check.file.fromSeries && startsIn >= 0 && startsIn < settings.noticeDays * DAY;
      const previousNotes = findPreviousNotes(input.issues, agenda.tag, agenda.date);
      const previous = previousNotes ? { url: previousNotes.url, date: previousNotes.date, carried: readOpenActionItems(previousNotes.body) } : undefined;
      const assignees = [...new Set([agenda.facilitatorLogin, agenda.noteTakerLogin].filter((l): l is string => Boolean(l)))];
      const comments = late ? [renderLate(agenda.tag, agenda.date, describeNotice(startsIn), settings.noticeDays)] : [];
      if (settings.notes === "discussion") {
        // No category, no discussion: gather reported that on the commit.
        if (input.categoryId) {
          plan.push({
            kind: "discussion.create", target: input.repo, categoryId: input.categoryId, title, body: renderNotesBody(block, previous),
            ...(comments.length > 0 ? { comments } : {}), reason: `agenda ${agenda.path} was published`,
          });
        }
        continue;
      }
      plan.push({
        kind: "issue.create",
        target: input.repo,
        title,
        body: renderNotesBody(block, previous),
        labels: [settings.notesLabel, agenda.tag],
        ...(assignees.length > 0 ? { assignees } : {}),
        marker: `meeting:${meetingKey(agenda.tag, agenda.date)}`,
        // gather read every notes issue (or refused to open one when it could not): none has this meeting's marker.
        checkedByGather: true,
        ...(comments.length > 0 ? { comments } : {}),
        reason: `agenda ${agenda.path} was published`,
      });
      continue;
    }
    // A changed meeting counts one more change: calendar apps take the event with the higher SEQUENCE.
    const sequence = readBlockSequence(issue.body);
    const body = isBlockCurrent(issue, agenda, at, sequence) ? null : replaceBlock(issue.body, renderNotesBlock(agenda, at, sequence + 1));
    const change: NotesChange = {};
    if (body !== null) change.body = body;
    if (issue.title !== title) change.title = title;
    const why = `agenda ${agenda.path} changed`;
    if (agenda.cancelled) {
      plan.push(...planCancel(input, issue, agenda, "the agenda says `cancelled: true`", change, why));
      continue;
    }
    // A meeting cancelled earlier and scheduled again gets its issue back; one closed after it took place stays closed.
    if (issue.state === "closed" && issue.stateReason === "NOT_PLANNED") change.state = "open";
    plan.push(...planNotesUpdate(input.repo, issue, change, why));
    plan.push(...planNotesLabels(input.repo, issue, [settings.notesLabel, agenda.tag], "notes issues carry the notes label and the group tag"));
    if (movedFrom && startsIn >= 0 && startsIn < settings.noticeDays * DAY) {
      plan.push(...planNotesComment(input.repo, issue, renderLate(agenda.tag, agenda.date, describeNotice(startsIn), settings.noticeDays), "meeting moved to a date within the notice period"));
    }
  }
  if (input.remind) {
    for (const r of listReminders(input.issues, settings, now)) {
      plan.push(...planNotesComment(input.repo, r.notes, r.body, `the notes of ${r.notes.meeting} are still empty ${settings.notesReminderAfter} hours after the meeting`));
    }
  }
  if (problems.length > 0 && !input.reported) {
    const reason = `${problems.length} problem(s) in agenda files`;
    if (settings.pushProblems === "comment") plan.push({ kind: "commit.comment", target: input.repo, sha: input.sha, body: renderProblems(problems), reason });
    else plan.push(...planPushCheck(input, settings.checkName, problems, now, reason));
  }
  return plan;
}

/**
 * A failing `Meeting agenda` check run on the pushed commit, each problem annotated at its line:
 * it needs only `checks: write`, where a commit comment needs `contents: write`.
 */
function planPushCheck(input: MeetingsPushInput, name: string, problems: AgendaProblem[], now: Date, reason: string): Plan {
  return planCheckRun({
    target: input.repo,
    name,
    headSha: input.sha,
    completedAt: now.toISOString(),
    conclusion: "failure",
    title: `${problems.length} problem${problems.length === 1 ? "" : "s"} in agenda files`,
    summary: renderCheckSummary(problems, [], true),
    annotations: problems.map((p) => ({ path: p.path, start_line: p.line, end_line: p.line, annotation_level: "failure", title: "Agenda problem", message: p.message })),
    reason,
  }, input.latestRun ?? null, input.trigger ?? { rerequested: false });
}

const DAY = 86_400_000;

/**
 * The block already shows this agenda when, rendered from the commit it records, it reads the
 * same: a later push of other files moves the head but must not rewrite the block for the link alone.
 */
function isBlockCurrent(issue: NotesIssue, agenda: Parameters<typeof renderNotesBlock>[0], at: BlockContext, sequence: number): boolean {
  const current = currentBlock(issue.body)?.trim();
  if (current === undefined) return false;
  const recorded = readBlockCommit(issue.body);
  return current === renderNotesBlock(agenda, at, sequence) || (recorded !== null && current === renderNotesBlock(agenda, { ...at, sha: recorded }, sequence));
}

function planCancel(input: MeetingsPushInput, issue: NotesIssue, meeting: { tag: string; date: string }, reason: string, change: NotesChange = {}, why = "meeting cancelled"): Plan {
  // Closed notes were cancelled already (or the meeting is over): redeliveries add nothing.
  if (issue.state === "closed") return planNotesUpdate(input.repo, issue, change, why);
  return [
    ...planNotesComment(input.repo, issue, renderCancelled(meeting.tag, meeting.date, reason), "meeting cancelled"),
    ...planNotesUpdate(input.repo, issue, { ...change, state: "closed", cancelled: true }, "meeting cancelled"),
  ];
}

/**
 * A rename inside one group folder in one push (`2027-03-08.md` → `2027-03-15.md`) moves the
 * meeting: its issue follows the new date instead of being closed while a second one opens.
 */
function pairMoves(checks: AgendaCheck[], issueOf: (tag: string, date: string) => NotesIssue | null, now: Date): Map<string, string> {
  const moves = new Map<string, string>();
  const targets = checks.filter((c) => c.kind === "valid" && !c.agenda.cancelled && !issueOf(c.agenda.tag, c.agenda.date));
  for (const check of checks) {
    if (check.kind !== "removed") continue;
    const issue = issueOf(check.file.tag, check.file.date);
    // A meeting that took place keeps its issue (and its notes) when its old file is cleaned up in
    // the same push that adds the next agenda: that is no move.
    if (!issue || issue.state !== "open" || hasTakenPlace(issue, check.file.date, now)) continue;
    const to = targets.find((t) => t.kind === "valid" && t.agenda.tag === check.file.tag && ![...moves.values()].includes(t.agenda.path));
    if (to?.kind === "valid") moves.set(check.file.path, to.agenda.path);
  }
  return moves;
}

/** The start the app wrote in the issue says it; without it, two days after the date surely is past. */
function hasTakenPlace(issue: NotesIssue | null, date: string, now: Date): boolean {
  const start = issue ? readBlockStart(issue.body) : null;
  return start !== null ? start <= now.getTime() : Date.parse(`${date}T00:00:00Z`) + 2 * DAY < now.getTime();
}

function dateOf(path: string): string {
  return path.slice(-13, -3);
}

function describeNotice(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / 3_600_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (days >= 1) return hours > 0 ? `${plural(days, "day")} and ${plural(hours, "hour")}` : plural(days, "day");
  return hours >= 1 ? plural(hours, "hour") : "less than an hour";
}

export type { PushedAgenda };
