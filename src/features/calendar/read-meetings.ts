import type { Config } from "../config-schema.js";
import type { GitHubReader } from "../../core/github.js";
import type { AppIdentity } from "../../core/identity.js";
import type { RepoRef } from "../../core/plan.js";
import { readAgenda } from "../meetings/read-agenda.js";
import { meetingKey, readBlockSequence, toNotesIssue } from "../meetings/notes-issue.js";
import { notesQueryFlags, readNotesNodes } from "../meetings/notes-discussion.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { FeedMeeting, FeedSeries } from "./build-feed.js";
import { computeMeetingTime } from "../meetings/meeting-time.js";
import { listOccurrences, parseSeries, SERIES_FILE } from "../meetings/series.js";
import { CALENDAR_QUERY, type CalendarQueryResult } from "./query.js";

export interface RepoMeetings {
  meetings: FeedMeeting[];
  /** Tags of the repository's groups (retired ones aside): a feed for another tag is unknown (404). */
  tags?: string[];
  /** Groups' recurring meetings (`series.yml`). */
  series?: FeedSeries[];
  /** Agenda files left out of the feed, with why (the push that added them got a commit comment). */
  skipped: { path: string; message: string }[];
  /** Path prefixes whose change makes this data stale. */
  watches: string[];
}

/**
 * Reads one repository's meetings for the feed: the registry (cached per commit), then one GraphQL
 * request for every agenda file and the newest hundred notes issues. Agenda files are checked
 * exactly as on a push, so the feed lists the meetings that have (or would have) a notes issue.
 */
export async function readRepoMeetings(github: GitHubReader, repo: RepoRef, config: Config, identity: AppIdentity): Promise<RepoMeetings> {
  const settings = config.meetings;
  const registry = await loadRegistry(github, repo, config);
  const data = await github.graphql<CalendarQueryResult>(CALENDAR_QUERY, {
    owner: repo.owner, repo: repo.repo, folder: `HEAD:${settings.folder}`, label: settings.notesLabel, ...notesQueryFlags(settings.notes),
  });
  const issues = readNotesNodes(data.repository).flatMap((n) => toNotesIssue(n, identity) ?? []);
  const groups = registry.groups.filter((g) => g.status !== "retired").map((g) => ({ tag: g.tag, name: g.name }));
  const result: RepoMeetings = {
    meetings: [],
    tags: groups.map((g) => g.tag),
    series: [],
    skipped: [],
    watches: [`${settings.folder}/`, ".github/convener.yml", `${config.registry.workingGroupsPath}/`, `${config.registry.interestGroupsPath}/`],
  };
  const name = `${repo.owner}/${repo.repo}`;
  for (const folder of data.repository?.folder?.entries ?? []) {
    if (folder.type !== "tree") continue;
    for (const entry of folder.object?.entries ?? []) {
      const date = /^(\d{4}-\d{2}-\d{2})\.md$/.exec(entry.name)?.[1];
      if (entry.type !== "blob" || !date || !entry.object) continue;
      const path = `${settings.folder}/${folder.name}/${entry.name}`;
      const check = readAgenda(
        { path, tag: folder.name, date, content: entry.object.text ?? "", bytes: entry.object.byteSize, binary: Boolean(entry.object.isBinary) },
        groups, settings.maxAgendaBytes,
      );
      if (check.kind === "invalid") result.skipped.push({ path, message: check.problems[0]!.message });
      if (check.kind !== "valid") continue;
      const issue = issues.find((i) => i.meeting === meetingKey(check.agenda.tag, check.agenda.date));
      const head = data.repository?.defaultBranchRef?.target?.oid;
      const fileUrl = head && data.repository?.url ? `${data.repository.url}/blob/${head}/${path.split("/").map(encodeURIComponent).join("/")}` : undefined;
      result.meetings.push({ repo: name, groupName: check.groupName, agenda: check.agenda, ...(issue ? { issueUrl: issue.url, sequence: readBlockSequence(issue.body) } : {}), ...(fileUrl ? { fileUrl } : {}) });
    }
    const seriesEntry = folder.object?.entries?.find((e) => e.name === SERIES_FILE && e.type === "blob");
    const group = groups.find((g) => g.tag === folder.name);
    if (seriesEntry?.object?.text != null && group) {
      const dated = (folder.object?.entries ?? []).flatMap((e) => /^(\d{4}-\d{2}-\d{2})\.md$/.exec(e.name)?.[1] ?? []);
      const found = readFeedSeries(`${settings.folder}/${folder.name}/${SERIES_FILE}`, folder.name, seriesEntry.object.text, dated);
      if ("problem" in found) result.skipped.push({ path: `${settings.folder}/${folder.name}/${SERIES_FILE}`, message: found.problem });
      else result.series!.push({ repo: name, groupName: group.name, ...found });
    }
  }
  return result;
}

/** Years of occurrences listed to find the last one and the exclusions (an endless rule stops there). */
const SERIES_YEARS = 5;

/** A series file as the feed needs it: its first date, its excluded dates, how far its zone data must reach. */
function readFeedSeries(path: string, tag: string, text: string, dated: readonly string[]): Omit<FeedSeries, "repo" | "groupName"> | { problem: string } {
  const parsed = parseSeries(path, tag, text);
  if (!parsed.ok) return { problem: parsed.problems[0]!.message };
  const series = parsed.series;
  const until = `${Number(series.start.slice(0, 4)) + SERIES_YEARS}${series.start.slice(4)}`;
  const dates = listOccurrences(series, series.start, until);
  const first = dates[0];
  if (!first) return { problem: "the rule gives no occurrence in the five years after `start`" };
  // A wall-clock time the first date skips (spring forward) has no start to anchor the rule on.
  const at = computeMeetingTime(first, series.time, series.timezone, series.duration);
  if (!at.ok) return { problem: at.message };
  const occurs = new Set(dates);
  const exdates = [...new Set([...series.cancelled, ...dated])].filter((d) => occurs.has(d)).sort();
  return { series, first, lastYear: Number(dates.at(-1)!.slice(0, 4)), exdates };
}
