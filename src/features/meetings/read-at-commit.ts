import type { GitHubReader } from "../../core/github.js";
import { isAppComment, type AppIdentity as Identity } from "../../core/identity.js";
import { rememberLabelIds, rememberLookedUpLabels } from "../../core/label-ids.js";
import { hasMarker } from "../../core/markers.js";
import type { RepoRef } from "../../core/plan.js";
import { readRestList } from "../../core/rest-pages.js";
import { findLatestAppRun, LATEST_CHECK_RUN_FIELDS, type CheckSuitesData, type LatestCheckRun } from "../../core/check-runs.js";
import { buildMeetingsQuery, type BlobNode, type MeetingsQueryResult, type NotesIssueNode } from "./query.js";
import { readNotesNodes, type CategoryNode } from "./notes-discussion.js";

/** Marker of the app's commit comment listing agenda problems (one per commit, never repeated). */
export const PROBLEMS_MARKER = "meeting-agenda-problems";

const FILES_PER_QUERY = 50;

export interface ReadResult {
  blobs: { content: string | null; bytes: number; binary: boolean }[];
  /** The default branch's head commit when the files were read (null: the repository has none). */
  headOid: string | null;
  issues: NotesIssueNode[];
  nextCursor: string | null;
  /** The repository's discussion categories (read only for notes kept in discussions). */
  categories: CategoryNode[];
}

/**
 * The files at `rev` (a commit sha, or the default branch's name for its head) plus the notes issues: one request
 * per fifty files (one in the common case).
 */
export async function readAtCommit(
  github: GitHubReader, repo: RepoRef, rev: string, paths: string[], label: string, identity: Identity,
  cursor: string | null = null, withIssues = true, labelNames: readonly string[] = [], notes: "issue" | "discussion" = "issue",
): Promise<ReadResult> {
  const result: ReadResult = { blobs: [], headOid: null, issues: [], nextCursor: null, categories: [] };
  let sha = rev;
  const chunks = paths.length === 0 ? [[]] : chunk(paths, FILES_PER_QUERY);
  for (const [index, files] of chunks.entries()) {
    const first = index === 0;
    const variables: Record<string, unknown> = {
      owner: repo.owner, repo: repo.repo, label, withIssues: first && withIssues && notes === "issue",
      withDiscussions: first && withIssues && notes === "discussion", cursor,
    };
    files.forEach((path, i) => (variables[`e${i}`] = `${sha}:${path}`));
    const data = await github.graphql<MeetingsQueryResult>(buildMeetingsQuery(files.length, first ? labelNames : []), variables);
    const repository = data.repository;
    if (first) rememberLookedUpLabels(repo, repository);
    files.forEach((_p, i) => result.blobs.push(toBlob(repository?.[`f${i}`])));
    if (first) {
      result.headOid = repository?.head?.target?.oid ?? null;
      // Later chunks read the same commit even if the branch moves meanwhile.
      if (!/^[0-9a-f]{40}$/i.test(rev) && result.headOid) sha = result.headOid;
      result.issues = readNotesNodes(repository);
      for (const issue of result.issues) rememberLabelIds(repo, issue.labels?.nodes ?? []);
      const page = repository?.notes ?? repository?.discussions;
      result.nextCursor = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      result.categories = repository?.categories?.nodes ?? [];
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

/** Comments read on one commit: the app writes one report per commit, and people rarely comment on a commit at all. */
export const MAX_COMMIT_COMMENTS_READ = 300;

/**
 * Whether the app already reported agenda problems on this commit. Read only when there are
 * problems to report (REST; a redelivery then finds the first report and stays quiet). A commit with
 * more comments than the cap counts as reported: another report could be a duplicate.
 */
export async function hasProblemReport(github: GitHubReader, repo: RepoRef, sha: string, identity: Identity): Promise<boolean> {
  const comments = await readRestList<{ body?: string; user?: { login?: string; type?: string } | null; performed_via_github_app?: { id?: number } | null }>(
    github, "/repos/{owner}/{repo}/commits/{commit_sha}/comments", { owner: repo.owner, repo: repo.repo, commit_sha: sha }, MAX_COMMIT_COMMENTS_READ,
  );
  return !comments.complete || comments.nodes.some((c) => c.user?.type === "Bot" && isAppComment(c, identity) && hasMarker(c.body, PROBLEMS_MARKER));
}

const PUSH_RUN_QUERY = /* GraphQL */ `query PushAgendaRun($owner: String!, $repo: String!, $sha: GitObjectID!, $checkName: String!) {
  repository(owner: $owner, name: $repo) {
    commit: object(oid: $sha) { ... on Commit { ${LATEST_CHECK_RUN_FIELDS} } }
  }
}`;

/**
 * The app's latest `Meeting agenda` run on a pushed commit. Read only when there are problems to
 * report (one request, as the commit comments were): a redelivery finds its run and adds none.
 */
export async function readLatestPushRun(github: GitHubReader, repo: RepoRef, sha: string, checkName: string, identity: Identity): Promise<LatestCheckRun | null> {
  const data = await github.graphql<{ repository?: { commit?: { checkSuites?: CheckSuitesData } | null } | null }>(
    PUSH_RUN_QUERY, { owner: repo.owner, repo: repo.repo, sha, checkName },
  );
  return findLatestAppRun(data.repository?.commit?.checkSuites, identity.appId, checkName);
}
