import type { FeatureContext } from "../../core/feature.js";
import type { RepoRef } from "../../core/plan.js";
import { loadRegistry } from "../../registry/load-registry.js";
import { collectPushedPaths, parseAgendaPath } from "./agenda-path.js";
import { meetingKey, toNotesIssue, type NotesIssue } from "./notes-issue.js";
import { hasProblemReport, readAtCommit, readLatestPushRun } from "./read-at-commit.js";
import type { CheckTrigger, LatestCheckRun } from "../../core/check-runs.js";
import { readAgenda } from "./read-agenda.js";
import { gatherPullMeetings, type MeetingsPullInput } from "./gather-pull.js";
import { isDefaultBranchPush } from "../../core/events.js";
import type { MeetingsConfig } from "./config.js";
import { findCategory, type CategoryNode } from "./notes-discussion.js";
import { checkSeriesFile, readSeriesTag } from "./series-check.js";
import { warnCapped } from "../../core/paging.js";

/** A touched agenda file as it stands at the push's head: `content` null when the push removed it. */
export interface PushedAgenda {
  path: string;
  tag: string;
  date: string;
  content: string | null;
  /** Size in bytes when the file exists (its text may be withheld when large or binary). */
  bytes: number;
  binary: boolean;
  /** An occurrence of the group's series (`series.yml`), opened `openAhead` days ahead: never "late". */
  fromSeries?: boolean;
}

export interface MeetingsPushInput {
  kind: "push";
  repo: RepoRef;
  /** `https://github.com/owner/repo` (GHE hosts differ). */
  htmlUrl: string;
  /** The push's own commit: where problems in its files are reported. */
  sha: string;
  /**
   * The default branch's head when the files were read. Files are read there, not at `sha`, so a
   * late or redelivered older push decides on today's agenda and cannot undo a newer push.
   */
  headSha: string;
  files: PushedAgenda[];
  misplaced: { path: string; message: string; line?: number }[];
  groups: { tag: string; name: string }[];
  issues: NotesIssue[];
  /**
   * Problems are not to be reported: the sweep's (the push reported them), or, with
   * `pushProblems: comment`, the app's comment already on this commit (a redelivery must not repeat it).
   */
  reported: boolean;
  /** With `pushProblems: check` and problems: the app's latest `Meeting agenda` run on `sha`. */
  latestRun?: LatestCheckRun | null;
  /** What asked for this evaluation (the delivery): a redelivery recognises the run it made. */
  trigger?: CheckTrigger;
  /** With `notes: discussion`, the id of the category new notes discussions go to (null: it does not exist). */
  categoryId?: string | null;
  /** Set by the sweep: remind facilitators of notes still empty after the meeting (see notes-reminder.ts). */
  remind?: boolean;
}

export type MeetingsInput = MeetingsPushInput | MeetingsPullInput;

export async function gatherMeetings(ctx: FeatureContext): Promise<MeetingsInput | null> {
  const config = ctx.config.meetings;
  const payload = ctx.payload;
  if (!config.enabled) return null;
  if (ctx.event.startsWith("pull_request.")) return gatherPullMeetings(ctx);
  if (ctx.event !== "push") return null;
  if (!isDefaultBranchPush(payload)) return null;
  const agendas: { path: string; tag: string; date: string }[] = [];
  const misplaced: { path: string; message: string; line?: number }[] = [];
  const series: { path: string; tag: string }[] = [];
  for (const path of await pushedPaths(ctx)) {
    const seriesTag = readSeriesTag(path, config.folder);
    if (seriesTag) series.push({ path, tag: seriesTag });
    const found = parseAgendaPath(path, config.folder);
    if (found.kind === "agenda") agendas.push(found);
    if (found.kind === "misplaced") misplaced.push({ path: found.path, message: found.message });
  }
  if (agendas.length === 0 && misplaced.length === 0 && series.length === 0) return null;

  // Independent reads, sent together: the registry and the files with the notes issues (and the ids
  // of the labels a notes issue carries).
  const labelNames = [...new Set([config.notesLabel, ...agendas.map((a) => a.tag)])];
  const [registry, read] = await Promise.all([
    loadRegistry(ctx.github, ctx.repo, ctx.config, { headCommit: payload.after }),
    readAtCommit(ctx.github, ctx.repo, payload.repository.default_branch, [...agendas.map((a) => a.path), ...series.map((x) => x.path)], config.notesLabel, ctx.identity, null, true, labelNames, config.notes),
  ]);
  let issues = read.issues.flatMap((n) => toNotesIssue(n, ctx.identity) ?? []);
  // Older issues are read only when a touched meeting's issue is not among the newest hundred, and
  // at most MAX_NOTES_ISSUES_READ of them: a new meeting's push must not read the repository's history.
  let cursor = read.nextCursor;
  let notesRead = read.issues.length;
  const wanted = new Set(agendas.map((a) => meetingKey(a.tag, a.date)));
  const missing = () => [...wanted].filter((key) => !issues.some((i) => i.meeting === key));
  while (cursor && missing().length > 0 && notesRead < MAX_NOTES_ISSUES_READ) {
    const page = await readAtCommit(ctx.github, ctx.repo, payload.after, [], config.notesLabel, ctx.identity, cursor, true, [], config.notes);
    issues = issues.concat(page.issues.flatMap((n) => toNotesIssue(n, ctx.identity) ?? []));
    notesRead += page.issues.length;
    cursor = page.nextCursor;
  }
  // Past the cap, a meeting whose issue was not found may still have one among the older issues:
  // no second one is opened; the push's report (check run or commit comment) says so.
  const unsure = new Set(cursor ? missing() : []);
  if (unsure.size > 0) warnCapped(ctx.log, "the notes issues", MAX_NOTES_ISSUES_READ, { after: payload.after, meetings: [...unsure] });
  const files = agendas
    .map((a, i) => ({ ...a, ...read.blobs[i]! }))
    .filter((f) => !unsure.has(meetingKey(f.tag, f.date)));
  for (const a of agendas.filter((x) => unsure.has(meetingKey(x.tag, x.date)))) {
    misplaced.push({ path: a.path, message: `Convener read only the newest ${MAX_NOTES_ISSUES_READ} notes issues and this meeting's is not among them: it opens no notes issue for it, as one may exist already.` });
  }
  const groups = registry.groups.filter((g) => g.status !== "retired").map((g) => ({ tag: g.tag, name: g.name }));
  const categoryId = discussionCategoryId(config, read.categories, misplaced);
  // A changed series file is checked on its push (the sweep then opens its occurrences' notes).
  series.forEach((x, i) => {
    const content = read.blobs[agendas.length + i]?.content;
    if (content == null) return; // removed
    misplaced.push(...checkSeriesFile(x.path, x.tag, content, groups));
  });
  // The commit's comments are read only when there is something to report.
  const invalid = files.flatMap((f) => {
    const check = readAgenda(f, groups, config.maxAgendaBytes);
    return check.kind === "invalid" ? check.problems : [];
  });
  const hasProblems = misplaced.length > 0 || invalid.length > 0;
  if (hasProblems) ctx.log.warn({ after: payload.after, problems: [...misplaced, ...invalid] }, "invalid agenda files: no notes issue opened or changed for them");
  const repoNodeId = typeof payload.repository?.node_id === "string" ? payload.repository.node_id : undefined;
  return {
    kind: "push",
    repo: repoNodeId ? { owner: ctx.repo.owner, repo: ctx.repo.repo, nodeId: repoNodeId } : ctx.repo,
    htmlUrl: payload.repository.html_url ?? `https://github.com/${ctx.repo.owner}/${ctx.repo.repo}`,
    sha: payload.after,
    headSha: read.headOid ?? payload.after,
    files,
    misplaced,
    groups,
    issues,
    categoryId,
    // Read only when there is something to report: the check run (or comment) already on the commit.
    reported: hasProblems && config.pushProblems === "comment" ? await hasProblemReport(ctx.github, ctx.repo, payload.after, ctx.identity) : false,
    latestRun: hasProblems && config.pushProblems === "check" ? await readLatestPushRun(ctx.github, ctx.repo, payload.after, config.checkName, ctx.identity) : null,
    trigger: { externalId: ctx.deliveryId, rerequested: false },
  };
}


/**
 * The configured discussion category's id; a missing one is a problem reported on the commit (with
 * the categories there are), as no notes discussion can be opened.
 */
export function discussionCategoryId(config: MeetingsConfig, categories: readonly CategoryNode[], problems: { path: string; message: string }[]): string | null {
  if (config.notes !== "discussion") return null;
  const found = findCategory(categories, config.discussionCategory);
  if (!found) {
    const names = categories.map((c) => `\`${c.name}\``).join(", ") || "none (are Discussions turned on?)";
    problems.push({ path: ".github/convener.yml", message: `\`meetings.discussionCategory\` is \`${config.discussionCategory}\`, but the repository has no such Discussion category (it has ${names}): no notes discussion is opened.` });
  }
  return found?.id ?? null;
}

/** Notes issues read to find a pushed meeting's issue (10 requests at worst), newest first. */
export const MAX_NOTES_ISSUES_READ = 1000;

const PAYLOAD_COMMIT_CAP = 20; // GitHub lists at most 20 commits in a push payload

/** Paths the push touched; a push of more commits than the payload lists is compared instead (one request). */
async function pushedPaths(ctx: FeatureContext): Promise<string[]> {
  const payload = ctx.payload;
  const commits: unknown[] = Array.isArray(payload.commits) ? payload.commits : [];
  const before = String(payload.before ?? "");
  if (commits.length < PAYLOAD_COMMIT_CAP || !/^[0-9a-f]{40}$/i.test(before) || /^0+$/.test(before)) return collectPushedPaths(commits);
  try {
    const compare = await ctx.github.get<{ files?: { filename: string; previous_filename?: string }[] }>(
      "/repos/{owner}/{repo}/compare/{basehead}", { owner: ctx.repo.owner, repo: ctx.repo.repo, basehead: `${before}...${payload.after}` },
    );
    return [...new Set((compare.files ?? []).flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]))];
  } catch (error) {
    ctx.log.warn({ err: error }, "could not compare a large push; using the commits its payload lists");
    return collectPushedPaths(commits);
  }
}
