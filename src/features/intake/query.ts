import { COMMENTS_FIRST_PAGE } from "../../core/comment-pages.js";

/**
 * Everything intake needs from GitHub in one GraphQL request: the issue as it stands now (labels,
 * body, the app's comment), the other requests (for tags already asked for), whether the WG's first
 * item exists, and whether each named person is a GitHub user (one alias per handle). Labels fit one
 * page (GitHub refuses a 101st label on an issue); comments past the first page are read only when
 * the app's comment is not on it (`findOwnMarkedComment`).
 */
export function buildIntakeQuery(handleCount: number): string {
  const userVars = Array.from({ length: handleCount }, (_, i) => `, $u${i}: String!`).join("");
  const users = Array.from({ length: handleCount }, (_, i) => `  u${i}: user(login: $u${i}) { login }\n`).join("");
  return `query IntakeState($owner: String!, $repo: String!, $number: Int!, $requestLabel: String!, $item: Int!, $withItem: Boolean!${userVars}) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      state
      body
      labels(first: 100) { nodes { name } }
      ${COMMENTS_FIRST_PAGE}
    }
    requests: issues(labels: [$requestLabel], first: 100, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) {
      nodes { number state body labels(first: 100) { nodes { name } } }
    }
    item: issueOrPullRequest(number: $item) @include(if: $withItem) { __typename }
  }
${users}}`;
}

export interface IntakeQueryResult {
  repository: {
    issue: {
      state: "OPEN" | "CLOSED";
      body: string;
      labels: { nodes: { name: string }[] };
      comments: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { databaseId: number; body: string; viewerDidAuthor: boolean; author: { login: string } | null }[];
      };
    } | null;
    requests: { nodes: { number: number; state: "OPEN" | "CLOSED"; body: string | null; labels: { nodes: { name: string }[] } }[] };
    item?: { __typename: string } | null;
  } | null;
  [alias: `u${number}`]: { login: string } | null;
}
