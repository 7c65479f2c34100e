import type { FeatureContext } from "../../core/feature.js";
import type { GitHubReader } from "../../core/github.js";
import type { AppIdentity } from "../../core/identity.js";
import { hasMarker } from "../../core/markers.js";
import type { RepoRef } from "../../core/plan.js";
import { loadRegistry } from "../registry/load-registry.js";
import { collectPushedPaths, parseAgendaPath } from "./agenda-path.js";
import { isAppAuthored, meetingKey, toNotesIssue, type NotesIssue } from "./notes-issue.js";
import { buildMeetingsQuery, type BlobNode, type MeetingsQueryResult } from "./query.js";

export const PROBLEMS_MARKER = "meeting-agenda-problems";

/** A touched agenda file as it stands at the push's head: `content` null when the push removed it. */
export interface PushedAgenda {
  path: string;
  tag: string;
  date: string;
  content: string | null;
  /** Size in bytes when the file exists (its text may be withheld when large or binary). */
  bytes: number;
  binary: boolean;
}

export interface MeetingsPushInput {
  kind: "push";
  repo: RepoRef;
  /** `https://github.com/owner/repo` (GHE hosts differ). */
  htmlUrl: string;
  sha: string;
  files: PushedAgenda[];
  misplaced: { path: string; message: string }[];
  groups: { tag: string; name: string }[];
  issues: NotesIssue[];
  /** The app already reported problems on this commit (a redelivery must not repeat it). */
  reported: boolean;
}

export type MeetingsInput = MeetingsPushInput;

const FILES_PER_QUERY = 50;

export async function gatherMeetings(ctx: FeatureContext): Promise<MeetingsInput | null> {
  const config = ctx.config.meetings;
  const payload = ctx.payload;
  if (!config.enabled || ctx.event !== "push") return null;
  const defaultBranch = payload.repository?.default_branch;
  if (!defaultBranch || payload.ref !== `refs/heads/${defaultBranch}` || payload.deleted || !payload.after) return null;
  const agendas: { path: string; tag: string; date: string }[] = [];
  const misplaced: { path: string; message: string }[] = [];
  for (const path of collectPushedPaths(payload.commits ?? [])) {
    const found = parseAgendaPath(path, config.folder);
    if (found.kind === "agenda") agendas.push(found);
    if (found.kind === "misplaced") misplaced.push({ path: found.path, message: found.message });
  }
  if (agendas.length === 0 && misplaced.length === 0) return null;
  if ((payload.commits ?? []).length >= 20) ctx.log.warn({ after: payload.after }, "push lists 20 commits, GitHub's cap: agenda files in older commits are not seen");

  const registry = await loadRegistry(ctx.github, ctx.repo, ctx.config, { headCommit: payload.after });
  const read = await readAtCommit(ctx.github, ctx.repo, payload.after, agendas.map((a) => a.path), config.notesLabel, ctx.identity);
  let issues = read.issues.flatMap((n) => toNotesIssue(n, ctx.identity) ?? []);
  // Older issues are read only when a touched meeting's issue is not among the newest hundred.
  let cursor = read.nextCursor;
  const wanted = new Set(agendas.map((a) => meetingKey(a.tag, a.date)));
  while (cursor && [...wanted].some((key) => !issues.some((i) => i.meeting === key))) {
    const page = await readAtCommit(ctx.github, ctx.repo, payload.after, [], config.notesLabel, ctx.identity, cursor, false);
    issues = issues.concat(page.issues.flatMap((n) => toNotesIssue(n, ctx.identity) ?? []));
    cursor = page.nextCursor;
  }
  return {
    kind: "push",
    repo: ctx.repo,
    htmlUrl: payload.repository.html_url ?? `https://github.com/${ctx.repo.owner}/${ctx.repo.repo}`,
    sha: payload.after,
    files: agendas.map((a, i) => ({ ...a, ...read.blobs[i]! })),
    misplaced,
    groups: registry.groups.filter((g) => g.status !== "retired").map((g) => ({ tag: g.tag, name: g.name })),
    issues,
    reported: read.reported,
  };
}

interface ReadResult {
  blobs: { content: string | null; bytes: number; binary: boolean }[];
  issues: import("./query.js").NotesIssueNode[];
  nextCursor: string | null;
  reported: boolean;
}

/** The files at `sha` plus the notes issues: one request per fifty files (one in the common case). */
export async function readAtCommit(
  github: GitHubReader, repo: RepoRef, sha: string, paths: string[], label: string, identity: AppIdentity,
  cursor: string | null = null, withCommit = true,
): Promise<ReadResult> {
  const result: ReadResult = { blobs: [], issues: [], nextCursor: null, reported: false };
  const chunks = paths.length === 0 ? [[]] : chunk(paths, FILES_PER_QUERY);
  for (const [index, files] of chunks.entries()) {
    const first = index === 0;
    const variables: Record<string, unknown> = {
      owner: repo.owner, repo: repo.repo, label, sha, withCommit: first && withCommit, withIssues: first, cursor,
    };
    files.forEach((path, i) => (variables[`e${i}`] = `${sha}:${path}`));
    const data = await github.graphql<MeetingsQueryResult>(buildMeetingsQuery(files.length), variables);
    const repository = data.repository;
    files.forEach((_p, i) => result.blobs.push(toBlob(repository?.[`f${i}`])));
    if (first) {
      result.issues = repository?.notes?.nodes ?? [];
      result.nextCursor = repository?.notes?.pageInfo.hasNextPage ? repository.notes.pageInfo.endCursor : null;
      result.reported = (repository?.commit?.comments?.nodes ?? []).some((c) => isAppAuthored(c, identity) && hasMarker(c.body, PROBLEMS_MARKER));
    }
  }
  return result;
}

function toBlob(node: BlobNode | Record<string, never> | null | undefined): { content: string | null; bytes: number; binary: boolean } {
  if (!node || !("byteSize" in node)) return { content: null, bytes: 0, binary: false };
  return { content: node.text ?? "", bytes: node.byteSize, binary: Boolean(node.isBinary) };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
