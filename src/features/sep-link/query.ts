/**
 * The link's reads: the PR (files, labels, the first 100 comments) plus the default branch's head
 * commit — handed to the registry cache so the registry needs no head check of its own.
 */
export const SEP_LINK_PR_QUERY = `query SepLinkPullRequest($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    defaultBranchRef { target { oid } }
    pullRequest(number: $number) {
      state
      headRefOid
      labels(first: 100) { nodes { name } }
      files(first: 100) { nodes { path changeType } }
      comments(first: 100) { pageInfo { hasNextPage } nodes { databaseId body viewerDidAuthor } }
    }
  }
}`;

/** The head text of `count` files, aliases `f{i}`; expressions (`<sha>:<path>`) are variables, never spliced. */
export function buildSepLinkTextsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `, $f${i}: String!`).join("");
  const fields = Array.from({ length: count }, (_, i) => `    f${i}: object(expression: $f${i}) { ... on Blob { text isTruncated } }`).join("\n");
  return `query SepLinkTexts($owner: String!, $repo: String!${vars}) {
  repository(owner: $owner, name: $repo) {
${fields}
  }
}`;
}

export interface SepLinkPrResult {
  repository: {
    defaultBranchRef: { target: { oid: string } | null } | null;
    pullRequest: {
      state: "OPEN" | "CLOSED" | "MERGED";
      headRefOid: string;
      labels: { nodes: { name: string }[] };
      files: { nodes: { path: string; changeType: string }[] };
      comments: { pageInfo: { hasNextPage: boolean }; nodes: { databaseId: number; body: string; viewerDidAuthor: boolean }[] };
    } | null;
  } | null;
}
