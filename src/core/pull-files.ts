import type { GitHubReader } from "./github.js";
import type { RepoRef } from "./plan.js";

/** GitHub lists at most this many files of a pull request (REST and GraphQL alike). */
export const MAX_LISTED_FILES = 3000;

export interface PullFile {
  path: string;
  changeType: string;
}

export interface PullFilesPage {
  pageInfo?: { hasNextPage: boolean; endCursor: string | null } | null;
  nodes?: (PullFile | null)[] | null;
}

export interface PullFiles {
  files: PullFile[];
  /** Changed files GitHub does not list (past its 3,000-file limit): nobody can read them. */
  unlisted: number;
}

/**
 * The first page of files, spliced into each feature's pull request query so that a PR of up to
 * 100 files costs no request of its own; `readPullFiles` reads the rest.
 */
export const PULL_FILES_FIRST_PAGE = /* GraphQL */ `changedFiles
      files(first: 100) { pageInfo { hasNextPage endCursor } nodes { path changeType } }`;

export const PULL_FILES_PAGE_QUERY = /* GraphQL */ `query PullFilesPage($owner: String!, $repo: String!, $number: Int!, $after: String!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      files(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { path changeType } }
    }
  }
}`;

interface PullFilesPageResult {
  repository: { pullRequest: { files: PullFilesPage | null } | null } | null;
}

/**
 * Every file of a pull request GitHub lists: the first page as the feature's query read it, then
 * 100 per request. Features reading the same PR in one delivery send identical page queries, so the
 * delivery's read cache answers the second one.
 */
export async function readPullFiles(
  github: GitHubReader, repo: RepoRef, number: number, first: PullFilesPage | null | undefined, changedFiles: number | null | undefined,
): Promise<PullFiles> {
  const files: PullFile[] = [];
  let page = first;
  for (;;) {
    for (const node of page?.nodes ?? []) if (node) files.push(node);
    const next = page?.pageInfo;
    if (!next?.hasNextPage || !next.endCursor || files.length >= MAX_LISTED_FILES) break;
    const data = await github.graphql<PullFilesPageResult>(PULL_FILES_PAGE_QUERY, { owner: repo.owner, repo: repo.repo, number, after: next.endCursor });
    page = data?.repository?.pullRequest?.files;
  }
  const listed = files.slice(0, MAX_LISTED_FILES);
  return { files: listed, unlisted: Math.max(0, (changedFiles ?? listed.length) - listed.length) };
}
