import { LATEST_CHECK_RUN_FIELDS, type CheckSuitesData } from "../../core/check-runs.js";
import { PULL_FILES_FIRST_PAGE, type PullFilesPage } from "../../core/pull-files.js";

/**
 * GraphQL reads of the SEP check. Two requests per pull request of up to 100 files and 50 SEP files:
 * the PR (changed files, labels, head/base commits, the app's latest run of the check) and then, in
 * one aliased query, the head and base text of every SEP file it touches; larger PRs page (see
 * core/pull-files.ts and read-sep-texts.ts). All are validated against GitHub's schema in the tests.
 */
export const SEP_PULL_REQUEST_QUERY = /* GraphQL */ `
  query SepPullRequest($owner: String!, $repo: String!, $number: Int!, $checkName: String!) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        number
        state
        headRefOid
        baseRefOid
        labels(first: 100) { nodes { name } }
        ${PULL_FILES_FIRST_PAGE}
        commits(last: 1) { nodes { commit { oid ${LATEST_CHECK_RUN_FIELDS} } } }
      }
    }
  }
`;

/**
 * The open pull requests of a commit, for re-run requests whose payload lists none (forks). One page
 * of five: a head commit is the head of one pull request, rarely of a few.
 */
export const SEP_COMMIT_PULLS_QUERY = /* GraphQL */ `
  query SepCommitPulls($owner: String!, $repo: String!, $sha: GitObjectID!) {
    repository(owner: $owner, name: $repo) {
      object(oid: $sha) {
        ... on Commit { associatedPullRequests(first: 5) { nodes { number state } } }
      }
    }
  }
`;

/**
 * One query for `count` files: aliases `h{i}` (head text) and `b{i}` (base text), with the
 * expressions `<sha>:<path>` passed as variables so no user text is spliced into the query.
 */
export function buildSepTextsQuery(count: number): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$h${i}: String!`, `$b${i}: String!`);
    fields.push(
      `h${i}: object(expression: $h${i}) { ... on Blob { text isBinary isTruncated } }`,
      `b${i}: object(expression: $b${i}) { ... on Blob { text isBinary isTruncated } }`,
    );
  }
  return `query SepFileTexts($owner: String!, $repo: String!${vars.map((v) => ", " + v).join("")}) {
  repository(owner: $owner, name: $repo) {
    ${fields.join("\n    ")}
  }
}`;
}

export interface PullRequestData {
  number: number;
  state: "OPEN" | "CLOSED" | "MERGED";
  headRefOid: string;
  baseRefOid: string;
  labels: { nodes: { name: string }[] };
  changedFiles: number;
  files: PullFilesPage;
  commits: { nodes: { commit: { oid: string; checkSuites: CheckSuitesData } }[] };
}

export interface BlobData {
  text: string | null;
  isBinary: boolean | null;
  isTruncated: boolean;
}

/**
 * The sweep's one read: the open pull requests most recently updated, the first page of their files
 * (enough to see whether they touch the SEP folder) and the latest run of the check on their head
 * commit, per app. Bounded: 50 PRs, 100 files and 20 check suites each.
 */
export const SEP_OPEN_PULLS_QUERY = /* GraphQL */ `
  query SepOpenPulls($owner: String!, $repo: String!, $checkName: String!) {
    repository(owner: $owner, name: $repo) {
      pullRequests(states: OPEN, first: 50, orderBy: { field: UPDATED_AT, direction: DESC }) {
        nodes {
          number
          headRefOid
          files(first: 100) { nodes { path changeType } }
          commits(last: 1) {
            nodes {
              commit {
                checkSuites(first: 20) {
                  nodes { app { databaseId } checkRuns(first: 1, filterBy: { checkName: $checkName, checkType: LATEST }) { nodes { status startedAt } } }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export interface OpenPullsData {
  repository: {
    pullRequests: {
      nodes: ({
        number: number;
        headRefOid: string;
        files: { nodes: { path: string; changeType: string }[] | null } | null;
        commits: { nodes: { commit: { checkSuites: { nodes: { app: { databaseId: number } | null; checkRuns: { nodes: { status: string; startedAt: string | null }[] | null } | null }[] | null } | null } }[] | null } | null;
      } | null)[] | null;
    } | null;
  } | null;
}
