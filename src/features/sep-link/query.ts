import { COMMENTS_FIRST_PAGE } from "../../core/comment-pages.js";
import type { Connection } from "../../core/paging.js";
import { PULL_FILES_FIRST_PAGE, type PullFilesPage } from "../../core/pull-files.js";

/**
 * The link's own read: the PR (files, labels, the first 100 comments) plus the default branch's head
 * commit — handed to the registry cache so the registry needs no head check of its own. The SEP
 * texts are read with the `seps` feature's query and the same variables (see gather.ts). Labels fit
 * one page (GitHub refuses a 101st label); files and comments past the first page are read only when
 * there are more (`readPullFiles`, `findOwnMarkedComment`).
 */
export const SEP_LINK_PR_QUERY = `query SepLinkPullRequest($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    defaultBranchRef { target { oid } }
    pullRequest(number: $number) {
      state
      headRefOid
      baseRefOid
      labels(first: 100) { nodes { name } }
      ${PULL_FILES_FIRST_PAGE}
      ${COMMENTS_FIRST_PAGE}
    }
  }
}`;

export interface SepLinkPrResult {
  repository: {
    defaultBranchRef: { target: { oid: string } | null } | null;
    pullRequest: {
      state: "OPEN" | "CLOSED" | "MERGED";
      headRefOid: string;
      baseRefOid: string;
      labels: { nodes: { name: string }[] };
      changedFiles: number;
      files: PullFilesPage;
      comments: Connection<{ databaseId: number; body: string; viewerDidAuthor: boolean }>;
    } | null;
  } | null;
}
