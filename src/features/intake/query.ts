import type { FormsTree } from "./repo-forms.js";
import { COMMENTS_FIRST_PAGE } from "../../core/comment-pages.js";

/** Claims read per request; a tag claimed by more requests than the cap is reported as unchecked. */
export const CLAIMS_PAGE = 100;
export const MAX_CLAIM_PAGES = 5;
const CLAIM_FIELDS = "pageInfo { hasNextPage endCursor } nodes { number state createdAt labels(first: 100) { nodes { name } } }";

/**
 * Everything intake needs from GitHub in one GraphQL request: the issue as it stands now (labels,
 * body, the app's comment), the requests that claimed the same tag (by the claim label, never by
 * reading every request), whether the WG's first item exists (for a `SEP-N`, also the SEP folder's
 * file names: one listing, however many SEPs), and whether each named person is a GitHub user (one
 * alias per handle). Labels fit one page (GitHub refuses a 101st label on an issue); comments past
 * the first page are read only when the app's comment is not on it (`findOwnMarkedComment`).
 * `extras` (the event's first query only) adds the default branch's head, which tells the registry
 * cache whether its charters are current without a query of its own, and the look-ups of the labels
 * the verdict may add (`labelLookupFields`), so the label write needs no id lookup.
 */
export function buildIntakeQuery(handleCount: number, extras = ""): string {
  const userVars = Array.from({ length: handleCount }, (_, i) => `, $u${i}: String!`).join("");
  const users = Array.from({ length: handleCount }, (_, i) => `  u${i}: user(login: $u${i}) { login }\n`).join("");
  return `query IntakeState($owner: String!, $repo: String!, $number: Int!, $claimLabel: String!, $withClaims: Boolean!, $item: Int!, $withItem: Boolean!, $sepFolder: String!, $withSeps: Boolean!${userVars}) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      id
      state
      createdAt
      body
      labels(first: 100) { nodes { id name } }
      ${COMMENTS_FIRST_PAGE}
    }
    claims: issues(labels: [$claimLabel], first: ${CLAIMS_PAGE}, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) @include(if: $withClaims) {
      ${CLAIM_FIELDS}
    }
    item: issueOrPullRequest(number: $item) @include(if: $withItem) { __typename }
    seps: object(expression: $sepFolder) @include(if: $withSeps) { ... on Tree { entries { name } } }${extras ? `\n    ${extras.replace(/\n/g, "\n    ")}` : ""}
  }
${users}}`;
}

/** The head of the default branch, for the registry cache (see `buildIntakeQuery`). */
export const HEAD_FIELD = "defaultBranchRef { target { oid } }";

/** Claims past the first page: only when more than a page of requests ever asked for one tag. */
export const CLAIMS_PAGE_QUERY = `query IntakeClaims($owner: String!, $repo: String!, $claimLabel: String!, $after: String) {
  repository(owner: $owner, name: $repo) {
    claims: issues(labels: [$claimLabel], first: ${CLAIMS_PAGE}, after: $after, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) {
      ${CLAIM_FIELDS}
    }
  }
}`;

export interface ClaimsConnection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { number: number; state: "OPEN" | "CLOSED"; createdAt: string; labels: { nodes: { name: string }[] } }[];
}

export interface IntakeQueryResult {
  repository: {
    issue: {
      id?: string;
      state: "OPEN" | "CLOSED";
      createdAt: string;
      body: string;
      labels: { nodes: { id?: string; name: string }[] };
      comments: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id?: string; databaseId: number; body: string; viewerDidAuthor: boolean; author: { login: string } | null }[];
      };
    } | null;
    claims?: ClaimsConnection;
    item?: { __typename: string } | null;
    /** The SEP folder's entries on the default branch (`HEAD:seps`), when the first item is a `SEP-N`. */
    seps?: { entries?: { name: string }[] } | null;
    defaultBranchRef?: { target: { oid: string } | null } | null;
    /** `.github/ISSUE_TEMPLATE` on the default branch, when the cached forms are not current (repo-forms.ts). */
    forms?: FormsTree | null;
    /** `convenerLabel_<hex of the name>` aliases from `labelLookupFields`. */
    [lookup: `convenerLabel_${string}`]: { id: string; name: string } | null;
  } | null;
  [alias: `u${number}`]: { login: string } | null;
}

export interface ClaimsPageResult {
  repository: { claims: ClaimsConnection } | null;
}
