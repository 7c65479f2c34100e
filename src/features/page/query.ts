/**
 * The page's own read of a community repository, ONE GraphQL request: the most recently updated
 * issues and pull requests (open and closed, with their labels and latest comments: the activity
 * chart, requests, votes, proposals and reviews all come from them) and the SEP folder's files.
 * Bounded: 100 issues, 100 pull requests, 30 comments each, the folder's entries.
 */
const ITEM = `number title url state createdAt updatedAt
        author { __typename login }
        labels(first: 30) { nodes { name } }
        comments(last: 30) { nodes { body createdAt author { __typename login } } }`;

export const PAGE_QUERY = `query GovernancePage($owner: String!, $repo: String!, $seps: String!) {
  repository(owner: $owner, name: $repo) {
    url
    issues(first: 100, states: [OPEN, CLOSED], orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { ${ITEM} }
    }
    pullRequests(first: 100, states: [OPEN, CLOSED, MERGED], orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { ${ITEM} }
    }
    seps: object(expression: $seps) {
      ... on Tree { entries { name type object { ... on Blob { byteSize isBinary text } } } }
    }
  }
}`;

export interface PageActor {
  __typename?: string;
  login?: string;
}

export interface PageItem {
  number: number;
  title: string;
  url: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  author: PageActor | null;
  labels: { nodes: { name: string }[] } | null;
  comments: { nodes: { body: string; createdAt: string; author: PageActor | null }[] } | null;
}

export interface PageQueryResult {
  repository: {
    url: string;
    issues: { nodes: (PageItem | null)[] };
    pullRequests: { nodes: (PageItem | null)[] };
    seps: { entries?: { name: string; type: string; object: { byteSize: number; isBinary: boolean | null; text: string | null } | null }[] } | null;
  } | null;
}
