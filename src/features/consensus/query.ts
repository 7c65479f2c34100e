import type { Connection } from "../../core/paging.js";

const COMMENTS = (args: string) => /* GraphQL */ `comments(${args}) { pageInfo { hasNextPage endCursor } nodes { id databaseId body createdAt lastEditedAt viewerDidAuthor author { login __typename } } }`;
const FIRST = COMMENTS("first: 100");
const NEXT = COMMENTS("first: 100, after: $after");

/**
 * One issue or pull request as a proposal needs it, in one request: its node id, labels (one page:
 * GitHub refuses a 101st label) and its comments from the oldest (the proposal comment is early;
 * `CONSENSUS_COMMENTS_PAGE_QUERY` reads on only when there are more than 100).
 */
export const CONSENSUS_QUERY = /* GraphQL */ `query ConsensusState($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issueOrPullRequest(number: $number) {
      ... on Issue { id labels(first: 100) { nodes { name } } ${FIRST} }
      ... on PullRequest { id labels(first: 100) { nodes { name } } ${FIRST} }
    }
  }
}`;

export const CONSENSUS_COMMENTS_PAGE_QUERY = /* GraphQL */ `query ConsensusComments($owner: String!, $repo: String!, $number: Int!, $after: String!) {
  repository(owner: $owner, name: $repo) {
    issueOrPullRequest(number: $number) {
      ... on Issue { ${NEXT} }
      ... on PullRequest { ${NEXT} }
    }
  }
}`;

/** Open issues and pull requests with an open proposal (the pending label), the ones updated last first. */
export const CONSENSUS_SWEEP_QUERY = /* GraphQL */ `query ConsensusSweep($owner: String!, $repo: String!, $labels: [String!]) {
  repository(owner: $owner, name: $repo) {
    issues(first: 100, states: [OPEN], labels: $labels, orderBy: { field: UPDATED_AT, direction: DESC }) { pageInfo { hasNextPage } nodes { number } }
    pullRequests(first: 100, states: [OPEN], labels: $labels, orderBy: { field: UPDATED_AT, direction: DESC }) { pageInfo { hasNextPage } nodes { number } }
  }
}`;

export interface ConsensusComment {
  id?: string;
  databaseId: number;
  body: string;
  createdAt: string;
  lastEditedAt: string | null;
  viewerDidAuthor: boolean;
  author: { login: string; __typename?: string } | null;
}

export interface ConsensusQueryResult {
  repository: {
    issueOrPullRequest: {
      id?: string;
      labels?: { nodes: { name: string }[] };
      comments?: Connection<ConsensusComment>;
    } | null;
  } | null;
}

export interface ConsensusSweepResult {
  repository: {
    issues: { pageInfo: { hasNextPage: boolean }; nodes: { number: number }[] };
    pullRequests: { pageInfo: { hasNextPage: boolean }; nodes: { number: number }[] };
  } | null;
}
