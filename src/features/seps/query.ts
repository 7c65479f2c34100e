/**
 * GraphQL reads of the SEP check. Two requests per pull request: the PR (changed files, labels,
 * head/base commits, our existing check run) and then, in one aliased query, the head and base
 * text of every SEP file it touches. Both are validated against GitHub's schema in the tests.
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
        files(first: 100) { totalCount nodes { path changeType } }
        commits(last: 1) {
          nodes {
            commit {
              oid
              checkSuites(first: 50) {
                nodes {
                  app { databaseId }
                  checkRuns(first: 10, filterBy: { checkName: $checkName }) { nodes { databaseId name } }
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** The open pull requests of a commit, for re-run requests whose payload lists none (forks). */
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
  files: { totalCount: number; nodes: { path: string; changeType: string }[] };
  commits: {
    nodes: {
      commit: {
        oid: string;
        checkSuites: { nodes: { app: { databaseId: number } | null; checkRuns: { nodes: { databaseId: number; name: string }[] } }[] };
      };
    }[];
  };
}

export interface BlobData {
  text: string | null;
  isBinary: boolean | null;
  isTruncated: boolean;
}
