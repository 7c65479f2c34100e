import { joinWords } from "../../core/command-catalog.js";
import { parseCommands, type Command } from "../../core/commands.js";
import type { FeatureContext } from "../../core/feature.js";
import { isAppComment } from "../../core/identity.js";
import { hasMarker, parseMarkers } from "../../core/markers.js";
import type { IssueRef } from "../../core/plan.js";
import { ROLE_TITLES, type RoleName } from "../../core/roles.js";
import { isBotActor } from "./activity.js";
import { rememberLabelIds } from "../../core/label-ids.js";
import { loadRegistry } from "../../registry/load-registry.js";
import { findGroup } from "../../registry/types.js";
import { CHARTER_FILE_QUERY, REVIEW_ISSUE_QUERY, type CharterFileResult, type ReviewIssueResult } from "./queries.js";
import { readReviewComments } from "./review-comments.js";
import { isAppAuthored, readReviewIssue, replyMarkerKey, REVIEW_MARKER_PREFIX, type ReviewIssue } from "./review-issue.js";

/** Who may use each command (the MCP governance: moderators or maintainers keep a group active; only core or lead maintainers retire it). */
export const COMMAND_ROLES = {
  "keep-active": ["moderators", "maintainers", "coreMaintainers", "leadMaintainers"],
  retire: ["coreMaintainers", "leadMaintainers"],
} as const satisfies Record<string, readonly RoleName[]>;

export type RetirementCommandName = keyof typeof COMMAND_ROLES;

export interface RetirementCommandInput {
  target: IssueRef;
  commentId: number;
  /** When GitHub says the comment was written: the command's date, whenever the app gets to it. */
  commentedAt: string;
  author: string;
  command: Command & { name: RetirementCommandName };
  authorised: boolean;
  /** e.g. "community moderators or maintainers", for the refusal. */
  allowed: string;
  review: ReviewIssue;
  groupName: string;
  /** The app already answered this comment (a redelivery, or two replicas). */
  alreadyReplied: boolean;
  /** Read only for an authorised `/retire` with `openCharterPr`: the file a pull request would change. */
  charter: CharterFile | null;
}

export interface CharterFile {
  path: string;
  text: string;
  /** The default branch, the pull request's base. */
  base: string;
}

export async function gatherRetirementCommand(ctx: FeatureContext): Promise<RetirementCommandInput | null> {
  const { issue, comment } = ctx.payload ?? {};
  if (!ctx.config.retirement.enabled || ctx.event !== "issue_comment.created" || !issue || !comment || issue.pull_request) return null;
  const command = parseCommands(comment.body).find((c): c is RetirementCommandInput["command"] => Object.hasOwn(COMMAND_ROLES, c.name)); // `in` would take `/constructor`
  if (!command || isBotActor({ __typename: comment.user?.type ?? "User", login: comment.user?.login ?? "" }, ctx.identity)) return null;
  // Cheap check on the payload first: only the app's own review issues take these commands.
  if (!isAppComment(issue, ctx.identity) && !parseMarkers(issue.body).some((m) => m.key.startsWith(REVIEW_MARKER_PREFIX))) return null;

  const roles = COMMAND_ROLES[command.name];
  const author: string = comment.user.login;
  // The commenter's roles depend on the payload alone: asked beside the review issue's read, not after it.
  const authorisedSoon = ctx.roles.hasAnyRole(author, roles);
  authorisedSoon.catch(() => undefined); // awaited below unless the issue turns out not to be a review
  const data = await ctx.github.graphql<ReviewIssueResult>(REVIEW_ISSUE_QUERY, { ...ctx.repo, number: issue.number });
  const current = data.repository?.issue ? await readReviewComments(ctx.github, ctx.repo, data.repository.issue, ctx.log) : null;
  const review = current ? readReviewIssue(current, ctx.identity) : null;
  if (!current || !review) return null; // a pasted marker on someone else's issue

  const authorised = await authorisedSoon;
  rememberLabelIds(ctx.repo, issue.labels ?? []);
  const alreadyReplied = current.comments.nodes.some(
    (c) => isAppAuthored(c, ctx.identity) && hasMarker(c.body, replyMarkerKey(comment.id)),
  );
  return {
    target: { ...ctx.repo, issue: issue.number, ...(typeof issue.node_id === "string" ? { nodeId: issue.node_id } : {}) },
    commentId: comment.id,
    commentedAt: String(comment.created_at ?? ""),
    author,
    command,
    authorised,
    allowed: joinWords(roles.map((r) => ROLE_TITLES[r]), "or"),
    review,
    groupName: current.title.startsWith(ctx.config.retirement.titlePrefix)
      ? current.title.slice(ctx.config.retirement.titlePrefix.length).trim()
      : review.tag,
    alreadyReplied,
    charter: command.name === "retire" && authorised && ctx.config.retirement.openCharterPr ? await readCharter(ctx, review.tag) : null,
  };
}

/** The charter named by the registry for the group's tag; null when the registry does not know it. */
async function readCharter(ctx: FeatureContext, tag: string): Promise<CharterFile | null> {
  const group = findGroup(await loadRegistry(ctx.github, ctx.repo, ctx.config), tag);
  if (!group) return null;
  const data = await ctx.github.graphql<CharterFileResult>(CHARTER_FILE_QUERY, { ...ctx.repo, expression: `HEAD:${group.path}` });
  const text = data.repository?.charter?.text;
  const base = data.repository?.defaultBranchRef?.name;
  return typeof text === "string" && base ? { path: group.path, text, base } : null;
}
