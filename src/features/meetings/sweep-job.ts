import type { SweepJob } from "../../core/sweep.js";
import { CALENDAR_QUERY, type CalendarQueryResult } from "../calendar/query.js";
import { loadRegistry } from "../../registry/load-registry.js";
import { decideMeetings } from "./decide.js";
import type { MeetingsPushInput, PushedAgenda } from "./gather.js";
import { toNotesIssue } from "./notes-issue.js";
import { listOccurrences, parseSeries, renderOccurrenceAgenda, SERIES_FILE } from "./series.js";
import { notesQueryFlags, readNotesNodes } from "./notes-discussion.js";
import { discussionCategoryId } from "./gather.js";
import { listReminders } from "./notes-reminder.js";

const DAY = 86_400_000;

/**
 * Repairs what a failed write left half-done: every upcoming meeting's agenda at the default
 * branch's head is decided exactly as a push of that file would be, so a missing notes issue is
 * opened and a stale app block brought up to date. Two requests per repository (the meetings folder
 * with the notes issues, the calendar feed's query; then the registry), one without upcoming meetings. Meetings that took place
 * are left alone; problems in agenda files were reported on their push and are not reported again.
 */
export const meetingsSweep: SweepJob<MeetingsPushInput> = {
  name: "meetings",
  async gather(ctx) {
    const settings = ctx.config.meetings;
    if (!settings.enabled) return null;
    const data = await ctx.github.graphql<CalendarQueryResult>(CALENDAR_QUERY, {
      owner: ctx.repo.owner, repo: ctx.repo.repo, folder: `HEAD:${settings.folder}`, label: settings.notesLabel, ...notesQueryFlags(settings.notes),
    });
    const head = data.repository?.defaultBranchRef?.target?.oid;
    if (!head || !data.repository?.folder) return null;
    // A day of slack: a meeting later today in a zone behind UTC still counts as upcoming.
    const today = new Date(ctx.now.getTime() - DAY).toISOString().slice(0, 10);
    const horizon = new Date(ctx.now.getTime() + settings.openAhead * DAY).toISOString().slice(0, 10);
    const files: PushedAgenda[] = [];
    for (const folder of data.repository?.folder?.entries ?? []) {
      if (folder.type !== "tree") continue;
      const entries = folder.object?.entries ?? [];
      const dated = new Set(entries.flatMap((e) => /^(\d{4}-\d{2}-\d{2})\.md$/.exec(e.name)?.[1] ?? []));
      for (const entry of entries) {
        const date = /^(\d{4}-\d{2}-\d{2})\.md$/.exec(entry.name)?.[1];
        if (entry.type !== "blob" || !date || date < today || !entry.object) continue;
        const text = entry.object.text;
        files.push({
          path: `${settings.folder}/${folder.name}/${entry.name}`, tag: folder.name, date,
          content: text ?? "", bytes: entry.object.byteSize, binary: Boolean(entry.object.isBinary),
        });
      }
      const seriesEntry = entries.find((e) => e.name === SERIES_FILE && e.type === "blob");
      if (seriesEntry?.object?.text) files.push(...seriesOccurrences(`${settings.folder}/${folder.name}/${SERIES_FILE}`, folder.name, seriesEntry.object.text, today, horizon, dated));
    }
    const issues = readNotesNodes(data.repository).flatMap((n) => toNotesIssue(n, ctx.identity) ?? []);
    if (files.length === 0 && listReminders(issues, settings, ctx.now).length === 0) return null;
    // Read only where there are meetings to keep: a repository without them costs one request.
    const registry = await loadRegistry(ctx.github, ctx.repo, ctx.config);
    return {
      kind: "push",
      repo: ctx.repo,
      htmlUrl: data.repository?.url ?? `https://github.com/${ctx.repo.owner}/${ctx.repo.repo}`,
      sha: head,
      headSha: head,
      files,
      misplaced: [],
      groups: registry.groups.filter((g) => g.status !== "retired").map((g) => ({ tag: g.tag, name: g.name })),
      issues,
      remind: true,
      // Problems (a missing category too) were reported on the push.
      categoryId: discussionCategoryId(settings, data.repository?.categories?.nodes ?? [], []),
      reported: true,
    };
  },
  decide: decideMeetings,
};

/**
 * A series' occurrences from `from` to `horizon` (the next `openAhead` days) as the agenda files they
 * stand for; dates with their own agenda file are left to it. An invalid series gives none (its
 * problems were reported on the push that changed it).
 */
function seriesOccurrences(path: string, tag: string, text: string, from: string, horizon: string, dated: ReadonlySet<string>): PushedAgenda[] {
  const parsed = parseSeries(path, tag, text);
  if (!parsed.ok) return [];
  return listOccurrences(parsed.series, from, horizon)
    .filter((date) => !dated.has(date))
    .map((date) => {
      const content = renderOccurrenceAgenda(parsed.series, date);
      return { path, tag, date, content, bytes: Buffer.byteLength(content), binary: false, fromSeries: true };
    });
}
