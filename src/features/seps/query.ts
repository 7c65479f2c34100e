// GraphQL reads of the SEP check of its own: the commit → pull requests look-up of a re-run and the
// sweep's list. A pull request itself is read with the other PR features' query
// (features/pull-request-read.ts). All are validated against GitHub's schema in the tests.

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
