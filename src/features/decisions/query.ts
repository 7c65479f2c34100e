import type { Connection } from "../../core/paging.js";

const COMMENT_FIELDS = /* GraphQL */ `pageInfo { hasPreviousPage startCursor }
        nodes {
          id
          databaseId
          body
          url
          createdAt
          lastEditedAt
          viewerDidAuthor
          author { login __typename }
          reactions(first: 100) { pageInfo { hasNextPage } nodes { content createdAt user { login __typename } } }
        }`;

const LABEL_EVENT_FIELDS = /* GraphQL */ `pageInfo { hasPreviousPage startCursor }
        nodes {
          __typename
          ... on LabeledEvent { createdAt actor { login __typename } label { name } }
          ... on UnlabeledEvent { createdAt actor { login __typename } label { name } }
        }`;

/**
 * Everything a decision needs from GitHub in one GraphQL request: the issue's labels and state (one
 * page: GitHub refuses a 101st label), its newest 100 comments as they stand now (body, author, edit
 * time, whether the app wrote it) with their 👍/👎 reactions, and who added or removed which label
 * when (the timeline), so a veto that arrived while the app was down is still honoured. A request
 * with more comments or label events is read backwards from there (`DECISION_COMMENTS_PAGE_QUERY`,
 * `DECISION_LABEL_EVENTS_PAGE_QUERY`), so an early vote comment and its ballots are never missed.
 * Node ids (the issue's, the comments', and the labels the decision may add, by `labelLookupFields`)
 * come along so the plan's writes need no lookup of their own.
 */
export function buildDecisionQuery(labelLookups = ""): string {
  return `query DecisionState($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      id
      number
      state
      stateReason
      title
      url
      body
      lastEditedAt
      author { login }
      labels(first: 100) { nodes { id name } }
      comments(last: 100) {
        ${COMMENT_FIELDS}
      }
      timelineItems(last: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
        ${LABEL_EVENT_FIELDS}
      }
    }${labelLookups ? `\n    ${labelLookups.replace(/\n/g, "\n    ")}` : ""}
  }
}`;
}

/** The query without label look-ups (every label id already known). */
export const DECISION_QUERY = buildDecisionQuery();

/** The 100 comments before a cursor. */
export const DECISION_COMMENTS_PAGE_QUERY = `query DecisionComments($owner: String!, $repo: String!, $number: Int!, $before: String!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      comments(last: 100, before: $before) {
        ${COMMENT_FIELDS}
      }
    }
  }
}`;

/** The 100 label events before a cursor. */
export const DECISION_LABEL_EVENTS_PAGE_QUERY = `query DecisionLabelEvents($owner: String!, $repo: String!, $number: Int!, $before: String!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      timelineItems(last: 100, before: $before, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
        ${LABEL_EVENT_FIELDS}
      }
    }
  }
}`;

/** The app's open vote issues in a private venue (the running votes of every request, so a page is plenty). */
export const VENUE_QUERY = `query DecisionVenue($owner: String!, $repo: String!, $labels: [String!]) {
  repository(owner: $owner, name: $repo) {
    issues(first: 100, states: [OPEN], labels: $labels, orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes { number body viewerDidAuthor }
    }
  }
}`;

export interface VenueQueryResult {
  repository: { issues: { nodes: { number: number; body: string; viewerDidAuthor: boolean }[] } } | null;
}

/** Open issues that may have timed work: a running vote, or a veto label to check; paged from `$after`. */
export const SWEEP_QUERY = `query DecisionSweep($owner: String!, $repo: String!, $labels: [String!], $after: String) {
  repository(owner: $owner, name: $repo) {
    issues(first: 100, after: $after, states: [OPEN], labels: $labels, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes { number }
    }
  }
}`;

export interface Actor {
  login: string;
  __typename?: string;
}

export interface DecisionReaction {
  content: string;
  createdAt: string;
  user: Actor | null;
}

export interface DecisionComment {
  /** The comment's node id (the first page's comments carry it). */
  id?: string;
  databaseId: number;
  url?: string;
  body: string;
  createdAt: string;
  lastEditedAt: string | null;
  viewerDidAuthor: boolean;
  author: Actor | null;
  reactions: { pageInfo?: { hasNextPage: boolean }; nodes: DecisionReaction[] };
}

export type DecisionTimelineItem =
  | { __typename: "LabeledEvent" | "UnlabeledEvent"; createdAt: string; actor: Actor | null; label: { name: string } }
  | { __typename: string };

/** The answer of either page query. */
export interface DecisionPageResult {
  repository: { issue: { comments?: Connection<DecisionComment>; timelineItems?: Connection<DecisionTimelineItem> } | null } | null;
}

export interface DecisionQueryResult {
  repository: {
    issue: {
      id: string;
      number: number;
      state: "OPEN" | "CLOSED";
      stateReason: string | null;
      title?: string;
      url?: string;
      body?: string;
      lastEditedAt?: string | null;
      author: Actor | null;
      labels: { nodes: { id: string; name: string }[] };
      comments: Connection<DecisionComment>;
      timelineItems: Connection<DecisionTimelineItem>;
    } | null;
    /** `convenerLabel_<hex of the name>` aliases from `labelLookupFields`. */
    [lookup: `convenerLabel_${string}`]: { id: string; name: string } | null;
  } | null;
}

export interface SweepQueryResult {
  repository: { issues: Connection<{ number: number }> } | null;
}
