import type { Config } from "../config-schema.js";
import type { GitHubReader } from "../../core/github.js";
import type { AppIdentity } from "../../core/identity.js";
import type { RepoRef } from "../../core/plan.js";
import { readAgenda } from "../meetings/read-agenda.js";
import { meetingKey, toNotesIssue } from "../meetings/notes-issue.js";
import { notesQueryFlags, readNotesNodes } from "../meetings/notes-discussion.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { FeedMeeting } from "./build-feed.js";
import { CALENDAR_QUERY, type CalendarQueryResult } from "./query.js";

export interface RepoMeetings {
  meetings: FeedMeeting[];
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
      result.meetings.push({ repo: name, groupName: check.groupName, agenda: check.agenda, ...(issue ? { issueUrl: issue.url } : {}) });
    }
  }
  return result;
}
