import { DISCUSSION_NOTES_FIELDS } from "../meetings/notes-discussion.js";

/**
 * Every agenda file of a repository and its newest notes issues, in one request: the meetings
 * folder at the default branch's head, two levels deep (`<folder>/<group-tag>/<date>.md`).
 */
export const CALENDAR_QUERY = `query CalendarMeetings($owner: String!, $repo: String!, $folder: String!, $label: String!, $withIssues: Boolean = true, $withDiscussions: Boolean = false) {
  repository(owner: $owner, name: $repo) {
    url
    defaultBranchRef { target { oid } }
    folder: object(expression: $folder) {
      ... on Tree {
        entries {
          name type
          object { ... on Tree { entries { name type object { ... on Blob { byteSize isBinary text } } } } }
        }
      }
    }
    notes: issues(labels: [$label], first: 100, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) @include(if: $withIssues) {
      nodes {
        number title body state stateReason url viewerDidAuthor
        author { __typename login }
        labels(first: 100) { nodes { name } }
        comments(last: 30) { nodes { body viewerDidAuthor } }
      }
    }
    categories: discussionCategories(first: 100) @include(if: $withDiscussions) { nodes { id name slug } }
    discussions(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) @include(if: $withDiscussions) {
      ${DISCUSSION_NOTES_FIELDS}
    }
  }
}`;

export interface CalendarQueryResult {
  repository: {
    /** The repository's web address (GHE hosts differ from github.com). */
    url?: string;
    defaultBranchRef: { target: { oid: string } | null } | null;
    folder: {
      entries?: {
        name: string;
        type: string;
        object: { entries?: { name: string; type: string; object: { byteSize: number; isBinary: boolean | null; text: string | null } | null }[] } | null;
      }[];
    } | null;
    notes?: { nodes: import("../meetings/query.js").NotesIssueNode[] };
    categories?: { nodes: import("../meetings/notes-discussion.js").CategoryNode[] };
    discussions?: { nodes: import("../meetings/notes-discussion.js").DiscussionNode[] };
  } | null;
}
