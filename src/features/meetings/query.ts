import { labelLookupFields } from "../../core/label-ids.js";
import { DISCUSSION_NOTES_FIELDS, type CategoryNode, type DiscussionNode } from "./notes-discussion.js";

/**
 * What a push needs, in one GraphQL request: the text of each touched agenda file at a revision (one
 * aliased `object` per file; a push reads the default branch's head, so a late or redelivered older
 * push sees today's files), the commit that revision names, and the repository's `notes` issues,
 * newest first (the meeting's issue is found by its hidden marker; search is not used because its
 * index lags), and the ids of the labels a notes issue carries (`labelNames`, see core/label-ids.ts).
 */
export function buildMeetingsQuery(fileCount: number, labelNames: readonly string[] = []): string {
  const fileVars = Array.from({ length: fileCount }, (_, i) => `, $e${i}: String!`).join("");
  const files = Array.from({ length: fileCount }, (_, i) => `    f${i}: object(expression: $e${i}) { ... on Blob { byteSize isBinary text } }\n`).join("");
  return `query MeetingFiles($owner: String!, $repo: String!, $label: String!, $withIssues: Boolean!, $withDiscussions: Boolean = false, $cursor: String${fileVars}) {
  repository(owner: $owner, name: $repo) {
    head: defaultBranchRef { target { oid } }
    ${labelLookupFields(labelNames)}
${files}    notes: issues(labels: [$label], first: 100, after: $cursor, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) @include(if: $withIssues) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id number title body state stateReason url viewerDidAuthor
        author { __typename login }
        labels(first: 100) { nodes { id name } }
      }
    }
    categories: discussionCategories(first: 100) @include(if: $withDiscussions) { nodes { id name slug } }
    discussions(first: 100, after: $cursor, orderBy: { field: CREATED_AT, direction: DESC }) @include(if: $withDiscussions) {
      ${DISCUSSION_NOTES_FIELDS}
    }
  }
}`;
}

export interface BlobNode {
  byteSize: number;
  isBinary: boolean | null;
  text: string | null;
}

export interface AuthorNode {
  __typename: string;
  login: string;
}

export interface NotesIssueNode {
  /** Set when the notes are a Discussion (see notes-discussion.ts). */
  kind?: "discussion";
  /** GraphQL node id (for the writes on the issue). */
  id?: string;
  number: number;
  title: string;
  body: string;
  state: "OPEN" | "CLOSED";
  stateReason: string | null;
  url: string;
  viewerDidAuthor: boolean;
  author: AuthorNode | null;
  labels: { nodes: { name: string; id?: string }[] };
  /** The newest comments, where read (the sweep: whether the notes reminder was posted). */
  comments?: { nodes: { body: string; viewerDidAuthor?: boolean }[] };
}

export interface MeetingsQueryResult {
  repository: {
    head?: { target: { oid: string } | null } | null;
    notes?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: NotesIssueNode[] };
    categories?: { nodes: CategoryNode[] };
    discussions?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: DiscussionNode[] };
    [alias: `f${number}`]: BlobNode | Record<string, never> | null;
  } | null;
}
