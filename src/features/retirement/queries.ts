import type { Connection } from "../../core/paging.js";

/**
 * The GraphQL reads of the retirement sweep. Activity for up to `groupsPerRequest` WGs comes from
 * ONE request: per WG, a search for its open tagged items and one for the items closed within the
 * window (each item with its last timeline events: comments, commits, reviews, label and state
 * changes, each with its actor's `__typename` so bots are told apart), plus the charter's Active
 * Work Items by number. The request count depends on the number of WGs, never on the number of items.
 */

const ACTOR = "__typename login";

/** Timeline events that are "activity" (a comment, commit, review, label change or state change by a person). */
const ISSUE_EVENTS = ["ISSUE_COMMENT", "LABELED_EVENT", "UNLABELED_EVENT", "CLOSED_EVENT", "REOPENED_EVENT"];
const PR_EVENTS = [
  ...ISSUE_EVENTS,
  "PULL_REQUEST_COMMIT",
  "PULL_REQUEST_REVIEW",
  "MERGED_EVENT",
  "READY_FOR_REVIEW_EVENT",
  "CONVERT_TO_DRAFT_EVENT",
];

const EVENT_FIELDS = `
        __typename
        ... on IssueComment { createdAt author { ${ACTOR} } }
        ... on LabeledEvent { createdAt actor { ${ACTOR} } }
        ... on UnlabeledEvent { createdAt actor { ${ACTOR} } }
        ... on ClosedEvent { createdAt actor { ${ACTOR} } }
        ... on ReopenedEvent { createdAt actor { ${ACTOR} } }`;

const PR_EVENT_FIELDS = `${EVENT_FIELDS}
        ... on MergedEvent { createdAt actor { ${ACTOR} } }
        ... on ReadyForReviewEvent { createdAt actor { ${ACTOR} } }
        ... on ConvertToDraftEvent { createdAt actor { ${ACTOR} } }
        ... on PullRequestReview { createdAt author { ${ACTOR} } }
        ... on PullRequestCommit { commit { committedDate author { name user { login } } } }`;

/** How many of an item's latest timeline events are read: enough to see past a few bot comments. */
export const EVENTS_PER_ITEM = 20;

export const ITEM_FRAGMENTS = `
fragment RetirementIssue on Issue {
  number title url state createdAt closedAt updatedAt
  author { ${ACTOR} }
  timelineItems(last: ${EVENTS_PER_ITEM}, itemTypes: [${ISSUE_EVENTS.join(", ")}]) {
    nodes {${EVENT_FIELDS}
    }
  }
}
fragment RetirementPullRequest on PullRequest {
  number title url prState: state createdAt closedAt updatedAt
  author { ${ACTOR} }
  timelineItems(last: ${EVENTS_PER_ITEM}, itemTypes: [${PR_EVENTS.join(", ")}]) {
    nodes {${PR_EVENT_FIELDS}
    }
  }
}`;

const ITEM_SELECTION = "... on Issue { ...RetirementIssue } ... on PullRequest { ...RetirementPullRequest }";

export interface ActivityBatchShape {
  /** Charter work-item numbers per WG in this batch (may be empty). */
  workItems: readonly number[][];
  /** The first batch also reads the app's review issues, so a sweep costs one request per 10 WGs. */
  withReviews: boolean;
}

/**
 * One request for a batch of WGs. Variables: `$openFirst`, `$closedFirst`, `$openN`/`$closedN`
 * (search strings), `$wN_M` (work-item numbers), and `$owner`/`$repo` (+ `$candidate`/`$retired`
 * with the reviews) only when the batch reads the repository (GitHub rejects unused variables).
 */
export function buildActivityQuery(shape: ActivityBatchShape): string {
  const hasGroups = shape.workItems.length > 0;
  const vars = hasGroups ? ["$openFirst: Int!", "$closedFirst: Int!"] : [];
  const fields: string[] = [];
  const inRepository: string[] = [];
  shape.workItems.forEach((numbers, g) => {
    vars.push(`$open${g}: String!`, `$closed${g}: String!`);
    fields.push(
      `  open${g}: search(type: ISSUE, query: $open${g}, first: $openFirst) { issueCount nodes { ${ITEM_SELECTION} } }`,
      `  closed${g}: search(type: ISSUE, query: $closed${g}, first: $closedFirst) { issueCount nodes { ${ITEM_SELECTION} } }`,
    );
    numbers.forEach((_, i) => {
      vars.push(`$w${g}_${i}: Int!`);
      inRepository.push(`    w${g}_${i}: issueOrPullRequest(number: $w${g}_${i}) { ${ITEM_SELECTION} }`);
    });
  });
  if (shape.withReviews) {
    vars.push("$candidate: String!", "$retired: String!");
    inRepository.push(REVIEW_SELECTIONS);
  }
  let repository = "";
  if (inRepository.length > 0) {
    vars.push("$owner: String!", "$repo: String!");
    repository = `  repository(owner: $owner, name: $repo) {\n${inRepository.join("\n")}\n  }\n`;
  }
  const fragments = (hasGroups ? ITEM_FRAGMENTS : "") + (shape.withReviews ? REVIEW_FRAGMENT : "");
  return `query RetirementActivity(${vars.join(", ")}) {\n${fields.join("\n")}\n${repository}}\n${fragments}`;
}

/**
 * The app's review issues: the open ones (found by the candidate label, believed only with the
 * app's marker), the closed ones still labelled candidate (closed by a human: dismissed), and every
 * one labelled retired. Comments carry the snooze records (older pages read by review-comments.ts).
 * One page of each list: the app opens at most one review per WG, so 100 open or retired reviews
 * are 100 WGs; the 50 dismissed ones updated last are those whose dismissal still holds.
 */
const REVIEW_SELECTIONS = `    reviewsOpen: issues(first: 100, states: [OPEN], labels: [$candidate], orderBy: { field: CREATED_AT, direction: ASC }) {
      nodes { ...RetirementReview }
    }
    reviewsDismissed: issues(first: 50, states: [CLOSED], labels: [$candidate], orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { ...RetirementReview }
    }
    reviewsRetired: issues(first: 100, states: [OPEN, CLOSED], labels: [$retired], orderBy: { field: CREATED_AT, direction: ASC }) {
      nodes { ...RetirementReview }
    }`;

/** One page of a review's comments and where the older ones start: the app's records are its comments. */
const REVIEW_COMMENTS_PAGE = `pageInfo { hasPreviousPage startCursor } nodes { databaseId body createdAt viewerDidAuthor author { ${ACTOR} } }`;

const REVIEW_FRAGMENT = `
fragment RetirementReview on Issue {
  number title body state createdAt closedAt viewerDidAuthor
  author { ${ACTOR} }
  labels(first: 100) { nodes { name } }
  comments(last: 100) { ${REVIEW_COMMENTS_PAGE} }
}`;

/** The 100 comments of a review issue before a cursor: read only for a review with more than 100. */
export const REVIEW_COMMENTS_PAGE_QUERY = `query RetirementReviewComments($owner: String!, $repo: String!, $number: Int!, $before: String!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) { comments(last: 100, before: $before) { ${REVIEW_COMMENTS_PAGE} } }
  }
}`;

export interface ReviewCommentsPageResult {
  repository: { issue: { comments: Connection<GqlReviewComment> } | null } | null;
}

export interface GqlActor {
  __typename: string;
  login: string;
}

export interface GqlEvent {
  __typename: string;
  createdAt?: string;
  author?: GqlActor | null;
  actor?: GqlActor | null;
  commit?: { committedDate: string; author: { name: string | null; user: { login: string } | null } | null };
}

export interface GqlItem {
  number: number;
  title: string;
  url: string;
  /** Issues answer `state`, pull requests `prState` (the two enums conflict under one name). */
  state?: "OPEN" | "CLOSED";
  prState?: "OPEN" | "CLOSED" | "MERGED";
  createdAt: string;
  closedAt: string | null;
  updatedAt: string;
  author: GqlActor | null;
  timelineItems: { nodes: (GqlEvent | null)[] };
}

export interface GqlSearch {
  issueCount: number;
  nodes: (GqlItem | Record<string, never> | null)[];
}

export interface ActivityResult {
  [alias: string]: GqlSearch | ActivityResult["repository"];
  repository?: (ReviewLists & { [alias: string]: GqlItem | Record<string, never> | null | { nodes: GqlReview[] } | undefined }) | null;
}

export interface GqlReviewComment {
  databaseId: number;
  body: string;
  createdAt: string;
  viewerDidAuthor: boolean;
  author: GqlActor | null;
}

export interface GqlReview {
  number: number;
  title: string;
  body: string;
  state: "OPEN" | "CLOSED";
  createdAt: string;
  closedAt: string | null;
  viewerDidAuthor: boolean;
  author: GqlActor | null;
  labels: { nodes: { name: string }[] };
  comments: { pageInfo?: Connection<GqlReviewComment>["pageInfo"]; nodes: GqlReviewComment[] };
}

export interface ReviewLists {
  reviewsOpen?: { nodes: GqlReview[] };
  reviewsDismissed?: { nodes: GqlReview[] };
  reviewsRetired?: { nodes: GqlReview[] };
}

/** The group's charter file and the default branch, for the optional `status: retired` pull request. */
export const CHARTER_FILE_QUERY = `query RetirementCharter($owner: String!, $repo: String!, $expression: String!) {
  repository(owner: $owner, name: $repo) {
    defaultBranchRef { name }
    charter: object(expression: $expression) { ... on Blob { text } }
  }
}`;

export interface CharterFileResult {
  repository: { defaultBranchRef: { name: string } | null; charter: { text?: string | null } | null } | null;
}

/** One review issue as it stands now, for a `/keep-active` or `/retire` comment on it. */
export const REVIEW_ISSUE_QUERY = `query RetirementReviewIssue($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) { ...RetirementReview }
  }
}
${REVIEW_FRAGMENT}`;

export interface ReviewIssueResult {
  repository: { issue: GqlReview | null } | null;
}
