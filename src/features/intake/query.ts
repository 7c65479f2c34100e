/**
 * Everything intake needs from GitHub in one GraphQL request: the issue as it stands now (labels,
 * body, the app's comment), the other requests (for tags already asked for), whether the WG's first
 * item exists (for a `SEP-N`, also the SEP folder's file names: one listing, however many SEPs), and
 * whether each named person is a GitHub user (one alias per handle).
 */
export function buildIntakeQuery(handleCount: number): string {
  const userVars = Array.from({ length: handleCount }, (_, i) => `, $u${i}: String!`).join("");
  const users = Array.from({ length: handleCount }, (_, i) => `  u${i}: user(login: $u${i}) { login }\n`).join("");
  return `query IntakeState($owner: String!, $repo: String!, $number: Int!, $requestLabel: String!, $item: Int!, $withItem: Boolean!, $sepFolder: String!, $withSeps: Boolean!${userVars}) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      state
      body
      labels(first: 100) { nodes { name } }
      comments(first: 100) { pageInfo { hasNextPage } nodes { databaseId body viewerDidAuthor author { login } } }
    }
    requests: issues(labels: [$requestLabel], first: 100, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) {
      nodes { number state body labels(first: 100) { nodes { name } } }
    }
    item: issueOrPullRequest(number: $item) @include(if: $withItem) { __typename }
    seps: object(expression: $sepFolder) @include(if: $withSeps) { ... on Tree { entries { name } } }
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
        pageInfo: { hasNextPage: boolean };
        nodes: { databaseId: number; body: string; viewerDidAuthor: boolean; author: { login: string } | null }[];
      };
    } | null;
    requests: { nodes: { number: number; state: "OPEN" | "CLOSED"; body: string | null; labels: { nodes: { name: string }[] } }[] };
    item?: { __typename: string } | null;
    /** The SEP folder's entries on the default branch (`HEAD:seps`), when the first item is a `SEP-N`. */
    seps?: { entries?: { name: string }[] } | null;
  } | null;
  [alias: `u${number}`]: { login: string } | null;
}
