/**
 * The intake sweep's one request per repository: every open group request with its labels, when
 * its description was last edited, and the comments (the app's verdict among them). Not the
 * bodies: a body can be 65,536 characters, and only the few drifted requests need theirs (their
 * re-check reads it, as a webhook's would). One page of each, by design: past 100 open requests
 * the sweep repairs the 100 updated last (and says so in the log); a verdict past a request's first
 * 100 comments reads as missing, so that request is re-checked in full (`gatherIntake` pages its
 * comments), which finds the verdict and writes nothing.
 */
export const INTAKE_SWEEP_QUERY = `query IntakeSweep($owner: String!, $repo: String!, $requestLabel: String!) {
  repository(owner: $owner, name: $repo) {
    issues(labels: [$requestLabel], states: [OPEN], first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage }
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
  repository: { issues: { pageInfo?: { hasNextPage: boolean }; nodes: OpenRequestNode[] } } | null;
}
