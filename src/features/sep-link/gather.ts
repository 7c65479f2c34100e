import type { FeatureContext } from "../../core/feature.js";
import { findOwnMarkedComment } from "../../core/comment-pages.js";
import { findMarker } from "../../core/markers.js";
import { MAX_COMMENTS_READ, warnCapped } from "../../core/paging.js";
import type { IssueRef } from "../../core/plan.js";
import { readPullFiles } from "../../core/pull-files.js";
import { loadRegistry, rememberHeadCommit } from "../../registry/load-registry.js";
import type { Registry } from "../../registry/types.js";
import { parseSepWithinLimit } from "../seps/check-sep-file.js";
import type { SepWorkingGroup } from "../seps/parse-sep.js";
import { isSepPath } from "../seps/sep-files.js";
import { readSepTexts } from "../seps/read-sep-texts.js";
import { SEP_LINK_PR_QUERY, type SepLinkPrResult } from "./query.js";

type SepLinkComments = NonNullable<NonNullable<SepLinkPrResult["repository"]>["pullRequest"]>["comments"];

export const SEP_LINK_MARKER = "sep-link";

export interface SepFileOwner {
  path: string;
  /** The owning group as the file names it; absent when it names none (or could not be read). */
  named?: SepWorkingGroup;
}

export interface ExistingLinkComment {
  id: number;
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
  const target: IssueRef = { ...ctx.repo, issue: pr.number };
  const data = await ctx.github.graphql<SepLinkPrResult>(SEP_LINK_PR_QUERY, { owner: ctx.repo.owner, repo: ctx.repo.repo, number: pr.number });
  const pull = data.repository?.pullRequest;
  if (!pull || pull.state !== "OPEN") return null;
  const head = data.repository?.defaultBranchRef?.target?.oid;
  if (head) rememberHeadCommit(ctx.repo, head);
  const existing = await findLinkComment(ctx, target, pull.comments);
  if (existing === "unread") {
    warnCapped(ctx.log, "the pull request's comments", MAX_COMMENTS_READ, { pull: pr.number });
    return null;
  }
  const listed = await readPullFiles(ctx.github, ctx.repo, pr.number, pull.files, pull.changedFiles);
  const paths = listed.files
    .filter((f) => f.changeType !== "DELETED" && isSepPath(f.path, ctx.config.seps))
    .map((f) => f.path)
    .slice(0, ctx.config.seps.maxFilesPerPullRequest);
  // A PR that no longer touches a SEP still has its old link undone.
  if (paths.length === 0 && !existing) return null;
  const files = paths.length > 0 ? await readOwners(ctx, pull.headRefOid, pull.baseRefOid, paths) : [];
  // Nothing named and nothing linked before: no comment, no label, and no registry read.
  if (!existing && files.every((f) => !f.named)) return null;
  return {
    target,
    repoUrl: String(ctx.payload.repository?.html_url ?? `https://github.com/${ctx.repo.owner}/${ctx.repo.repo}`),
    labels: pull.labels.nodes.map((l) => l.name),
    files,
    registry: await loadRegistry(ctx.github, ctx.repo, ctx.config),
    existing,
  };
}

/** The head text of each SEP file, read exactly as the `SEP metadata` check reads it (one shared cached read). */
async function readOwners(ctx: FeatureContext, headSha: string, baseSha: string, paths: string[]): Promise<SepFileOwner[]> {
  const texts = await readSepTexts(ctx.github, ctx.repo, headSha, baseSha, paths);
  return texts.map(({ path, text }) => {
    const named = parseSepWithinLimit(text, ctx.config.seps)?.workingGroup;
    return named ? { path, named } : { path };
  });
}

/**
 * The app's own link comment, or "unread" when the PR has more comments than the cap and it is not
 * among those read: linking again then could post a duplicate.
 */
async function findLinkComment(ctx: FeatureContext, target: IssueRef, comments: SepLinkComments): Promise<ExistingLinkComment | null | "unread"> {
  const own = await findOwnMarkedComment(ctx.github, target, comments, SEP_LINK_MARKER);
  if (!own.complete) return "unread";
  if (!own.comment) return null;
  const found = { id: own.comment.databaseId, body: own.comment.body };
  const tags = findMarker(found.body, SEP_LINK_MARKER)?.data.tags;
  return { ...found, tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [] };
}
