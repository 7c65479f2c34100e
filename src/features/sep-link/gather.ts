import type { FeatureContext } from "../../core/feature.js";
import { findOwnMarkedComment } from "../../core/comment-pages.js";
import { findMarker } from "../../core/markers.js";
import { MAX_COMMENTS_READ, warnCapped, type Connection } from "../../core/paging.js";
import type { IssueRef } from "../../core/plan.js";
import type { PullComment, PullFacts } from "../../core/pull-facts.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { Registry } from "../../registry/types.js";
import { parseSepWithinLimit } from "../seps/check-sep-file.js";
import type { SepWorkingGroup } from "../seps/parse-sep.js";
import { readPullRequest, readPullRequestTexts, sepPathsOf } from "../pull-request-read.js";

export const SEP_LINK_MARKER = "sep-link";

export interface SepFileOwner {
  path: string;
  /** The owning group as the file names it; absent when it names none (or could not be read). */
  named?: SepWorkingGroup;
}

export interface ExistingLinkComment {
  id: number;
  /** The comment's GraphQL node id, when read (the first page of comments carries it). */
  nodeId?: string;
  body: string;
  /** Tags the app linked last time (from its own marker): the only group labels it may remove. */
  tags: string[];
}

export interface SepLinkInput {
  target: IssueRef;
  /** `https://github.com/owner/repo`, for charter links. */
  repoUrl: string;
  labels: string[];
  files: SepFileOwner[];
  registry: Registry;
  existing: ExistingLinkComment | null;
}

/** Reads the PR's SEP files, labels, the app's link comment and the registry; null when there is nothing to link. */
export async function gatherSepLink(ctx: FeatureContext): Promise<SepLinkInput | null> {
  const pr = ctx.payload.pull_request;
  if (!ctx.config.sepLink.enabled || typeof pr?.number !== "number" || pr.state !== "open") return null;
  // The same read as the SEP check's and the agenda check's (one request for all three).
  const { pull } = await readPullRequest(ctx, pr.number);
  if (!pull || pull.state !== "OPEN") return null;
  const target: IssueRef = { owner: ctx.repo.owner, repo: ctx.repo.repo, issue: pr.number, nodeId: pull.id };
  const existing = await findLinkComment(ctx, target, pull.comments);
  if (existing === "unread") {
    warnCapped(ctx.log, "the pull request's comments", MAX_COMMENTS_READ, { pull: pr.number });
    return null;
  }
  const listed = await pull.listFiles();
  const paths = sepPathsOf(listed.files, ctx.config).slice(0, ctx.config.seps.maxFilesPerPullRequest);
  // A PR that no longer touches a SEP still has its old link undone.
  if (paths.length === 0 && !existing) return null;
  const files = paths.length > 0 ? await readOwners(ctx, pull, paths) : [];
  // Nothing named and nothing linked before: no comment, no label, and no registry read.
  if (!existing && files.every((f) => !f.named)) return null;
  return {
    target,
    repoUrl: String(ctx.payload.repository?.html_url ?? `https://github.com/${ctx.repo.owner}/${ctx.repo.repo}`),
    labels: pull.labels.map((l) => l.name),
    files,
    registry: await loadRegistry(ctx.github, ctx.repo, ctx.config),
    existing,
  };
}

/** The head text of each SEP file, from the texts the `SEP metadata` check read (one shared read). */
async function readOwners(ctx: FeatureContext, pull: NonNullable<PullFacts["pull"]>, paths: string[]): Promise<SepFileOwner[]> {
  const texts = await readPullRequestTexts(ctx, pull);
  return paths.map((path) => {
    const blob = texts.head.get(path);
    const text = blob && !blob.isBinary && !blob.isTruncated && typeof blob.text === "string" ? blob.text : null;
    const named = parseSepWithinLimit(text, ctx.config.seps)?.workingGroup;
    return named ? { path, named } : { path };
  });
}

/**
 * The app's own link comment, or "unread" when the PR has more comments than the cap and it is not
 * among those read: linking again then could post a duplicate.
 */
async function findLinkComment(ctx: FeatureContext, target: IssueRef, comments: Connection<PullComment> | null): Promise<ExistingLinkComment | null | "unread"> {
  const own = await findOwnMarkedComment(ctx.github, target, comments, SEP_LINK_MARKER);
  if (!own.complete) return "unread";
  if (!own.comment) return null;
  const nodeId = (own.comment as PullComment).id;
  const found = { id: own.comment.databaseId, ...(nodeId ? { nodeId } : {}), body: own.comment.body };
  const tags = findMarker(found.body, SEP_LINK_MARKER)?.data.tags;
  return { ...found, tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [] };
}
