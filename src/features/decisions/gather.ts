import type { Config } from "../config-schema.js";
import { parseCommands, type Command } from "../../core/commands.js";
import type { FeatureContext } from "../../core/feature.js";
import type { GitHubReader } from "../../core/github.js";
import { isBotAccount } from "../../core/identity.js";
import type { RepoRef } from "../../core/plan.js";
import type { RoleResolver } from "../../core/roles.js";
import { hasLabel } from "../../core/labels.js";
import { type DecisionInput, type HumanComment, type LabelEvent, type Reaction, type RoleFlags } from "./facts.js";
import { readRestList } from "../../core/rest-pages.js";
import type { Log } from "../../core/log.js";
import { ListCappedError, MAX_COMMENTS_READ, readBackward, warnCapped } from "../../core/paging.js";
import {
  DECISION_COMMENTS_PAGE_QUERY, DECISION_LABEL_EVENTS_PAGE_QUERY, DECISION_QUERY, type DecisionPageResult, type DecisionQueryResult, type DecisionReaction,
} from "./query.js";
import { DECISION_COMMANDS } from "./replies.js";

/** Label changes read on one request (10 requests at worst); a veto label toggled more often than that is vandalism. */
export const MAX_LABEL_EVENTS_READ = 1000;

type Trigger = { commentId: number; author: string; createdAt: string };

const isDecisionCommand = (c: Command) => (DECISION_COMMANDS as readonly string[]).includes(c.name);
const isBot = (a: { login?: string; __typename?: string } | null) => !a || a.__typename === "Bot" || isBotAccount({ login: a.login ?? "" });

/**
 * Webhook side: decides whether the event concerns a decision (a decision command, a change of the
 * veto label, or any event on a request whose vote may have reached its deadline), then reads the
 * request's whole state in one GraphQL query.
 */
export async function gatherDecisions(ctx: FeatureContext): Promise<DecisionInput | null> {
  const d = ctx.config.decisions;
  const { issue, comment, label, sender } = ctx.payload;
  if (!d.enabled || !issue || issue.pull_request) return null;
  if (isBotAccount(sender)) return null; // the app's own writes (and other bots') never trigger a decision
  const labels: string[] = (issue.labels ?? []).map((l: { name: string }) => l.name);
  const voteRunning = hasLabel(labels, d.labels.voteOpen);
  let trigger: Trigger | null = null;
  // A command added by editing a comment takes effect (a /veto is read from every comment) but gets no reply.
  let editedCommand = false;
  if (comment && !isBotAccount(comment.user) && parseCommands(comment.body).some(isDecisionCommand)) {
    if (ctx.event === "issue_comment.created") trigger = { commentId: comment.id, author: comment.user.login, createdAt: comment.created_at };
    else editedCommand = ctx.event === "issue_comment.edited";
  }
  const vetoLabelChange = (ctx.event === "issues.labeled" || ctx.event === "issues.unlabeled") && label && hasLabel([label.name], d.labels.veto);
  if (!trigger && !editedCommand && !vetoLabelChange && !voteRunning) return null;
  return readDecisionInput({ ...ctx, number: issue.number, trigger });
}

export interface ReadOptions {
  github: GitHubReader;
  log: Log;
  repo: RepoRef;
  config: Config;
  roles: RoleResolver;
  number: number;
  trigger: Trigger | null;
}

/** The request's state now (shared by the webhook and the sweep): one GraphQL query, plus role look-ups. */
export async function readDecisionInput(o: ReadOptions): Promise<DecisionInput | null> {
  const d = o.config.decisions;
  const variables = { owner: o.repo.owner, repo: o.repo.repo, number: o.number };
  const data = await o.github.graphql<DecisionQueryResult>(DECISION_QUERY, variables);
  const issue = data.repository?.issue;
  if (!issue) return null;
  const readOlder = (before: string) => o.github.graphql<DecisionPageResult>(DECISION_COMMENTS_PAGE_QUERY, { ...variables, before });
  const readOlderEvents = (before: string) => o.github.graphql<DecisionPageResult>(DECISION_LABEL_EVENTS_PAGE_QUERY, { ...variables, before });
  // More pages only when the request really has more comments or label events than one page.
  const thread = await readBackward(issue.comments, async (before) => (await readOlder(before)).repository?.issue?.comments, MAX_COMMENTS_READ);
  const events = await readBackward(issue.timelineItems, async (before) => (await readOlderEvents(before)).repository?.issue?.timelineItems, MAX_LABEL_EVENTS_READ);
  const unread: string[] = [];
  if (!thread.complete) unread.push(`comments (only the newest ${MAX_COMMENTS_READ} were read)`);
  if (!events.complete) unread.push(`label changes (only the newest ${MAX_LABEL_EVENTS_READ} were read)`);
  const where = { issue: o.number };
  if (!thread.complete) warnCapped(o.log, "the request's comments", MAX_COMMENTS_READ, where);
  if (!events.complete) warnCapped(o.log, "the request's label changes", MAX_LABEL_EVENTS_READ, where);
  const labels = issue.labels.nodes.map((l) => l.name);
  const comments: HumanComment[] = [];
  const own: DecisionInput["own"] = [];
  for (const c of thread.nodes) {
    if (c.viewerDidAuthor) {
      const reactions = c.reactions.pageInfo?.hasNextPage ? await readAllReactions(o, c.databaseId) : { nodes: c.reactions.nodes.map(readReaction), complete: true };
      if (!reactions.complete) {
        unread.push(`reactions on comment ${c.databaseId} (only the first ${MAX_REACTIONS_READ} were read)`);
        warnCapped(o.log, "a comment's reactions", MAX_REACTIONS_READ, { ...where, commentId: c.databaseId });
      }
      own.push({ id: c.databaseId, body: c.body, createdAt: c.createdAt, reactions: reactions.nodes });
    } else if (!isBot(c.author)) {
      comments.push({ id: c.databaseId, author: c.author!.login, createdAt: c.createdAt, lastEditedAt: c.lastEditedAt, commands: parseCommands(c.body) });
    }
  }
  const vetoLabelEvents: LabelEvent[] = [];
  for (const e of events.nodes) {
    if (!("label" in e) || !hasLabel([e.label.name], d.labels.veto) || isBot(e.actor)) continue;
    vetoLabelEvents.push({ action: e.__typename === "LabeledEvent" ? "labeled" : "unlabeled", actor: e.actor!.login, at: e.createdAt });
  }
  const triggerComment = o.trigger ? comments.find((c) => c.id === o.trigger!.commentId) : undefined;
  // The trigger as it reads now; a comment deleted before we got here is no command at all.
  const trigger = o.trigger && triggerComment ? { ...o.trigger, createdAt: triggerComment.createdAt, commands: triggerComment.commands } : null;

  const maintainersToCheck = new Set<string>(vetoLabelEvents.map((e) => e.actor));
  for (const c of comments) if (c.commands.some((k) => k.name !== "vote" && isDecisionCommand(k))) maintainersToCheck.add(c.author);
  if (trigger) maintainersToCheck.add(trigger.author);
  const roles: Record<string, RoleFlags> = {};
  for (const login of maintainersToCheck) {
    roles[login.toLowerCase()] = {
      moderator: trigger?.author === login && trigger.commands.some((k) => k.name === "vote" && k.args.length === 0) ? await o.roles.hasRole(login, "moderators") : false,
      core: await o.roles.hasRole(login, "coreMaintainers"),
      lead: await o.roles.hasRole(login, "leadMaintainers"),
    };
  }
  const callsVote = trigger?.commands.some((k) => k.name === "vote" && k.args.length === 0) && roles[trigger.author.toLowerCase()]?.moderator;
  const moderators = callsVote && d.policy === "vote" ? await readElectorate(o.roles, unread, o.log) : [];
  return {
    target: { ...o.repo, issue: issue.number },
    issue: { open: issue.state === "OPEN", stateReason: issue.stateReason, labels, isRequest: hasLabel(labels, o.config.intake.labels.request) },
    comments,
    own,
    vetoLabelEvents,
    roles,
    trigger,
    moderators,
    unread,
    holders: {
      moderators: o.roles.describe("moderators"),
      maintainers: [...o.roles.describe("coreMaintainers"), ...o.roles.describe("leadMaintainers")],
    },
  };
}

/** The moderators as the vote's electorate; a team too large to read whole is listed as unread (no vote opens on a part of it). */
async function readElectorate(roles: RoleResolver, unread: string[], log: Log): Promise<string[]> {
  try {
    return await roles.listMembers("moderators");
  } catch (error) {
    if (!(error instanceof ListCappedError)) throw error;
    unread.push(`${error.list} (only the first ${error.cap} were read)`);
    warnCapped(log, error.list, error.cap, {});
    return [];
  }
}

/** Reactions read on one of the app's comments (30 requests at worst): a vote's 👍/👎 are ballots. */
export const MAX_REACTIONS_READ = 3000;

const REST_REACTIONS: Record<string, string> = { "+1": "THUMBS_UP", "-1": "THUMBS_DOWN" };

const readReaction = (r: DecisionReaction): Reaction => ({ content: r.content, user: r.user?.login ?? "ghost", createdAt: r.createdAt, isBot: isBot(r.user) });

/**
 * All reactions of a comment with more than the 100 the query read: GitHub's GraphQL can page them
 * only from the comment's node, so the REST list is read instead (one more request per 100).
 */
async function readAllReactions(o: ReadOptions, commentId: number) {
  interface RestReaction { content: string; created_at: string; user: { login: string; type?: string } | null }
  const list = await readRestList<RestReaction>(o.github, "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
    owner: o.repo.owner, repo: o.repo.repo, comment_id: commentId,
  }, MAX_REACTIONS_READ);
  const nodes = list.nodes.map((r) => readReaction({
    content: REST_REACTIONS[r.content] ?? r.content.toUpperCase(),
    createdAt: r.created_at,
    user: r.user ? { login: r.user.login, __typename: r.user.type === "Bot" ? "Bot" : "User" } : null,
  }));
  return { nodes, complete: list.complete };
}
