/**
 * Every agenda file of a repository and its newest notes issues, in one request: the meetings
 * folder at the default branch's head, two levels deep (`<folder>/<group-tag>/<date>.md`).
 */
export const CALENDAR_QUERY = `query CalendarMeetings($owner: String!, $repo: String!, $folder: String!, $label: String!) {
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
    notes: issues(labels: [$label], first: 100, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes {
        number title body state stateReason url viewerDidAuthor
        author { __typename login }
        labels(first: 100) { nodes { name } }
      }
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
    notes: { nodes: import("../meetings/query.js").NotesIssueNode[] };
  } | null;
}
