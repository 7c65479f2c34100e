/**
 * The intake sweep's one request per repository: every open group request with its labels, when
 * its description was last edited, and the comments (the app's verdict among them). Not the
 * bodies: a body can be 65,536 characters, and only the few drifted requests need theirs (their
 * re-check reads it, as a webhook's would).
 */
export const INTAKE_SWEEP_QUERY = `query IntakeSweep($owner: String!, $repo: String!, $requestLabel: String!) {
  repository(owner: $owner, name: $repo) {
    issues(labels: [$requestLabel], states: [OPEN], first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes {
        number
        lastEditedAt
        labels(first: 100) { nodes { name } }
        comments(first: 100) { nodes { body updatedAt viewerDidAuthor } }
      }
    }
  }
}`;

export interface OpenRequestNode {
  number: number;
  lastEditedAt: string | null;
  labels: { nodes: { name: string }[] };
  comments: { nodes: { body: string; updatedAt: string; viewerDidAuthor: boolean }[] };
}

export interface IntakeSweepResult {
  repository: { issues: { nodes: OpenRequestNode[] } } | null;
}
