import type { GitHubReader } from "../../core/github.js";
import type { Log } from "../../core/log.js";
import { MAX_COMMENTS_READ, readBackward, warnCapped } from "../../core/paging.js";
import type { RepoRef } from "../../core/plan.js";
import { REVIEW_COMMENTS_PAGE_QUERY, type GqlReview, type ReviewCommentsPageResult } from "./queries.js";

/**
 * A review issue with all its comments: the app keeps its records there (leads notified, snoozes,
 * retired), and a review discussed past 100 comments must not lose the oldest ones (the leads would
 * be mentioned again). Older pages are read only for such a review, up to `MAX_COMMENTS_READ`.
 */
export async function readReviewComments(github: GitHubReader, repo: RepoRef, review: GqlReview, log: Log): Promise<GqlReview> {
  if (!review.comments.pageInfo?.hasPreviousPage) return review;
  const readPage = async (before: string) => {
    const data = await github.graphql<ReviewCommentsPageResult>(REVIEW_COMMENTS_PAGE_QUERY, { owner: repo.owner, repo: repo.repo, number: review.number, before });
    return data.repository?.issue?.comments;
  };
  const all = await readBackward(review.comments, readPage, MAX_COMMENTS_READ);
  if (!all.complete) warnCapped(log, "a retirement review's comments", MAX_COMMENTS_READ, { issue: review.number });
  return { ...review, comments: { nodes: all.nodes } };
}
