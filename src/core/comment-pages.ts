import type { GitHubReader } from "./github.js";
import { hasMarker } from "./markers.js";
import { MAX_COMMENTS_READ, readForward, type Connection, type PagedList } from "./paging.js";
import type { IssueRef } from "./plan.js";

/** The fields of a comment every feature's first page asks for, so later pages have the same shape. */
export interface PagedComment {
  /** The comment's node id: an update or delete of the app's comment needs no lookup. */
  id?: string;
  databaseId: number;
  body: string;
  viewerDidAuthor: boolean;
  author?: { login: string } | null;
}

/** The selection a feature splices into its own query as the first page of an issue's comments. */
export const COMMENTS_FIRST_PAGE = /* GraphQL */ `comments(first: 100) { pageInfo { hasNextPage endCursor } nodes { id databaseId body viewerDidAuthor author { login } } }`;

const PAGE = /* GraphQL */ `comments(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id databaseId body viewerDidAuthor author { login } } }`;

/** The page of an issue's (or pull request's) comments after a cursor. */
export const COMMENTS_PAGE_QUERY = /* GraphQL */ `query CommentsPage($owner: String!, $repo: String!, $number: Int!, $after: String!) {
  repository(owner: $owner, name: $repo) {
    issueOrPullRequest(number: $number) {
      ... on Issue { ${PAGE} }
      ... on PullRequest { ${PAGE} }
    }
  }
}`;

interface CommentsPageResult {
  repository: { issueOrPullRequest: { comments?: Connection<PagedComment> } | null } | null;
}

/** Every comment of an issue from the first page on, up to `MAX_COMMENTS_READ`; more pages only when there are more. */
export function readComments(
  github: GitHubReader, target: IssueRef, first: Connection<PagedComment> | null | undefined, cap = MAX_COMMENTS_READ,
): Promise<PagedList<PagedComment>> {
  const readPage = async (after: string) => {
    const data = await github.graphql<CommentsPageResult>(COMMENTS_PAGE_QUERY, { owner: target.owner, repo: target.repo, number: target.issue, after });
    return data?.repository?.issueOrPullRequest?.comments;
  };
  return readForward(first, readPage, cap);
}

export interface OwnCommentSearch {
  /** The app's oldest comment with the marker, or null. */
  comment: PagedComment | null;
  /**
   * False when it was not found and the comments were cut by the cap: it may still be among the
   * unread ones, so creating another would risk a duplicate.
   */
  complete: boolean;
}

/**
 * The app's own comment carrying `marker`, looked for page by page and only as far as needed: an
 * issue whose comment is on the first page (the ordinary case) costs no request here.
 */
export async function findOwnMarkedComment(
  github: GitHubReader, target: IssueRef, first: Connection<PagedComment> | null | undefined, marker: string, cap = MAX_COMMENTS_READ,
): Promise<OwnCommentSearch> {
  const isOwn = (c: PagedComment | null) => Boolean(c?.viewerDidAuthor && hasMarker(c.body, marker));
  const onFirst = (first?.nodes ?? []).filter(isOwn) as PagedComment[];
  if (onFirst.length > 0 || !first?.pageInfo?.hasNextPage) return { comment: oldest(onFirst), complete: true };
  const all = await readComments(github, target, first, cap);
  const own = all.nodes.filter(isOwn);
  return { comment: oldest(own), complete: own.length > 0 || all.complete };
}

const oldest = (comments: PagedComment[]) => [...comments].sort((a, b) => a.databaseId - b.databaseId)[0] ?? null;
