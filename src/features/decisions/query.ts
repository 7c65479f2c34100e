/**
 * Everything a decision needs from GitHub in one GraphQL request: the issue's labels and state, every
 * comment as it stands now (body, author, edit time, whether the app wrote it) with its 👍/👎
 * reactions, and who added or removed which label when (the timeline), so a veto that arrived while
 * the app was down is still honoured. Requests with more than 100 comments are read backwards page
 * by page (`$before`), so an early vote comment and its ballots are never missed.
 */
export const DECISION_QUERY = `query DecisionState($owner: String!, $repo: String!, $number: Int!, $before: String) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      number
      state
      stateReason
      author { login }
      labels(first: 100) { nodes { name } }
      comments(last: 100, before: $before) {
        pageInfo { hasPreviousPage startCursor }
        nodes {
          databaseId
          body
          createdAt
          lastEditedAt
          viewerDidAuthor
          author { login __typename }
          reactions(first: 100) { nodes { content createdAt user { login __typename } } }
        }
      }
      timelineItems(last: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
        nodes {
          __typename
          ... on LabeledEvent { createdAt actor { login __typename } label { name } }
          ... on UnlabeledEvent { createdAt actor { login __typename } label { name } }
        }
      }
    }
  }
}`;

/** Open issues that may have timed work: a running vote, or a veto label to check. */
export const SWEEP_QUERY = `query DecisionSweep($owner: String!, $repo: String!, $labels: [String!]) {
  repository(owner: $owner, name: $repo) {
    issues(first: 100, states: [OPEN], labels: $labels, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { number }
    }
  }
}`;

interface Actor {
  login: string;
  __typename?: string;
}

export interface DecisionQueryResult {
  repository: {
    issue: {
      number: number;
      state: "OPEN" | "CLOSED";
      stateReason: string | null;
      author: Actor | null;
      labels: { nodes: { name: string }[] };
      comments: {
        pageInfo: { hasPreviousPage: boolean; startCursor: string | null };
        nodes: {
          databaseId: number;
          body: string;
          createdAt: string;
          lastEditedAt: string | null;
          viewerDidAuthor: boolean;
          author: Actor | null;
          reactions: { nodes: { content: string; createdAt: string; user: Actor | null }[] };
        }[];
      };
      timelineItems: {
        nodes: ({ __typename: "LabeledEvent" | "UnlabeledEvent"; createdAt: string; actor: Actor | null; label: { name: string } } | { __typename: string })[];
      };
    } | null;
  } | null;
}

export interface SweepQueryResult {
  repository: { issues: { nodes: { number: number }[] } } | null;
}
