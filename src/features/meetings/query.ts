import { LATEST_CHECK_RUN_FIELDS, type CheckSuitesData } from "../../core/check-runs.js";
import { PULL_FILES_FIRST_PAGE, type PullFilesPage } from "../../core/pull-files.js";

/**
 * What a push needs, in one GraphQL request: the text of each touched agenda file at a revision (one
 * aliased `object` per file; a push reads the default branch's head, so a late or redelivered older
 * push sees today's files), the commit that revision names, and the repository's `notes` issues,
 * newest first (the meeting's issue is found by its hidden marker; search is not used because its
 * index lags).
 */
export function buildMeetingsQuery(fileCount: number): string {
  const fileVars = Array.from({ length: fileCount }, (_, i) => `, $e${i}: String!`).join("");
  const files = Array.from({ length: fileCount }, (_, i) => `    f${i}: object(expression: $e${i}) { ... on Blob { byteSize isBinary text } }\n`).join("");
  return `query MeetingFiles($owner: String!, $repo: String!, $label: String!, $withIssues: Boolean!, $cursor: String${fileVars}) {
  repository(owner: $owner, name: $repo) {
    head: defaultBranchRef { target { oid } }
${files}    notes: issues(labels: [$label], first: 100, after: $cursor, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) @include(if: $withIssues) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title body state stateReason url viewerDidAuthor
        author { __typename login }
        labels(first: 100) { nodes { name } }
      }
    }
  }
}`;
}

export interface BlobNode {
  byteSize: number;
  isBinary: boolean | null;
  text: string | null;
}

export interface AuthorNode {
  __typename: string;
  login: string;
}

export interface NotesIssueNode {
  number: number;
  title: string;
  body: string;
  state: "OPEN" | "CLOSED";
  stateReason: string | null;
  url: string;
  viewerDidAuthor: boolean;
  author: AuthorNode | null;
  labels: { nodes: { name: string }[] };
}

export interface MeetingsQueryResult {
  repository: {
    head?: { target: { oid: string } | null } | null;
    notes?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: NotesIssueNode[] };
    [alias: `f${number}`]: BlobNode | Record<string, never> | null;
  } | null;
}

/** A pull request's changed files (first page), head commit and this app's latest check run on it. */
export const MEETINGS_PULL_QUERY = `query MeetingPullRequest($owner: String!, $repo: String!, $number: Int!, $checkName: String!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      state
      headRefOid
      ${PULL_FILES_FIRST_PAGE}
      commits(last: 1) { nodes { commit { ${LATEST_CHECK_RUN_FIELDS} } } }
    }
  }
}`;

export interface MeetingsPullResult {
  repository: {
    pullRequest: {
      state: string;
      headRefOid: string;
      changedFiles: number;
      files: PullFilesPage;
      commits: { nodes: { commit: { checkSuites: CheckSuitesData } }[] };
    } | null;
  } | null;
}
