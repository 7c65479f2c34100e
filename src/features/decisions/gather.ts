import type { Config } from "../config-schema.js";
import { parseCommands, type Command } from "../../core/commands.js";
import type { FeatureContext } from "../../core/feature.js";
import type { GitHubReader } from "../../core/github.js";
import { isBotAccount } from "../../core/identity.js";
import type { IssueRef, RepoRef } from "../../core/plan.js";
import type { RoleResolver } from "../../core/roles.js";
import { hasLabel } from "../../core/labels.js";
import { type DecisionInput, type HumanComment, type LabelEvent, type Reaction, type RoleFlags } from "./facts.js";
import { readRestList } from "../../core/rest-pages.js";
import type { Log } from "../../core/log.js";
import { ListCappedError, MAX_COMMENTS_READ, readBackward, warnCapped } from "../../core/paging.js";
import { knownLabelId, labelLookupFields, rememberLabelIds, rememberLookedUpLabels } from "../../core/label-ids.js";
import {
  buildDecisionQuery, VENUE_QUERY, type VenueQueryResult, DECISION_COMMENTS_PAGE_QUERY, DECISION_LABEL_EVENTS_PAGE_QUERY, type DecisionPageResult, type DecisionQueryResult, type DecisionReaction,
} from "./query.js";
import { DECISION_COMMANDS } from "./replies.js";
import { findVenueIssue, isVenueIssue, type VenueState } from "./venue.js";
import { readResults, readVotes } from "./vote-state.js";
import { checkIntake, hashBody } from "./request-check.js";
import { memoizeRoles, startEarly } from "./event-roles.js";

/** Label changes read on one request (10 requests at worst); a veto label toggled more often than that is vandalism. */
export const MAX_LABEL_EVENTS_READ = 1000;

type Trigger = { commentId: number; author: string; createdAt: string };

const isDecisionCommand = (c: Command) => (DECISION_COMMANDS as readonly string[]).includes(c.name);
/** `/veto`, `/unveto`, `/sponsor`, `/unsponsor`: what core and lead maintainers do. */
const isMaintainerCommand = (k: Command) => k.name !== "vote" && isDecisionCommand(k);
const MAINTAINER_ROLES = ["coreMaintainers", "leadMaintainers"] as const;
const isBot = (a: { login?: string; __typename?: string } | null) => !a || a.__typename === "Bot" || isBotAccount({ login: a.login ?? "" });

/**
 * Before the configuration is read (labels are configurable, so only what holds under any
 * configuration): a decision needs a command in the comment, a label change, or a label on the issue
 * (a running vote's). A plain comment on an unlabelled issue costs nothing.
 */
export function mayConcernDecisions(_event: string, payload: any): boolean {
  const { issue, comment, label, sender } = payload ?? {};
  if (!issue || issue.pull_request || isBotAccount(sender)) return false;
  return (typeof comment?.body === "string" && comment.body.includes("/")) || Boolean(label) || (issue.labels?.length ?? 0) > 0;
}

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
  // A private venue's vote issue: its ballots are read when the public request's vote is tallied.
  if (isVenueIssue(issue.body) && isBotAccount(issue.user)) return null;
  const labels: string[] = (issue.labels ?? []).map((l: { name: string }) => l.name);
  if (hasLabel(labels, ctx.config.consensus.labels.pending)) return null; // a WG proposal's `/vote` ballots are the consensus feature's
  const voteRunning = hasLabel(labels, d.labels.voteOpen);
  let trigger: Trigger | null = null;
  // A command added by editing a comment takes effect (a /veto is read from every comment) but gets no reply.
  let editedCommand = false;
  const parsed = comment && !isBotAccount(comment.user) ? parseCommands(comment.body) : [];
  if (parsed.some(isDecisionCommand)) {
    if (ctx.event === "issue_comment.created") trigger = { commentId: comment.id, author: comment.user.login, createdAt: comment.created_at };
    else editedCommand = ctx.event === "issue_comment.edited";
  }
  const vetoLabelChange = (ctx.event === "issues.labeled" || ctx.event === "issues.unlabeled") && label && hasLabel([label.name], d.labels.veto);
  if (!trigger && !editedCommand && !vetoLabelChange && !voteRunning) return null;
  const roles = memoizeRoles(ctx.roles);
  // The look-ups the payload already names go out beside the state query, not after it.
  const commands = trigger ? parsed : [];
  if (commands.some((k) => k.name === "vote" && k.args.length === 0) && d.policy === "vote") startEarly(() => roles.listMembers("moderators"));
  const maintainer = commands.some(isMaintainerCommand) ? trigger!.author : vetoLabelChange && sender?.login ? String(sender.login) : null;
  if (maintainer) for (const role of MAINTAINER_ROLES) startEarly(() => roles.hasRole(maintainer, role));
  return readDecisionInput({ ...ctx, roles, number: issue.number, trigger });
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

/** Labels a decision may add: their ids come with the state query, so the label write needs no lookup. */
function addableLabels(config: Config): string[] {
  const L = config.decisions.labels;
  return [L.voteOpen, L.votePassed, L.voteFailed, L.approved, L.vetoed, L.veto];
}

/**
 * The request's state now (shared by the webhook and the sweep): one GraphQL query (more pages only
 * on a request longer than a page), then the role look-ups the decision needs, all at once, each
 * asked once: core/lead for whoever moved the veto or used a maintainer command, and, when the
 * trigger calls a vote, the moderators (who are the caller's check and the electorate both).
 */
export async function readDecisionInput(o: ReadOptions): Promise<DecisionInput | null> {
  const d = o.config.decisions;
  const variables = { owner: o.repo.owner, repo: o.repo.repo, number: o.number };
  const unknownLabels = addableLabels(o.config).filter((name) => knownLabelId(o.repo, name) === undefined);
  const data = await o.github.graphql<DecisionQueryResult>(buildDecisionQuery(labelLookupFields(unknownLabels)), variables);
  rememberLookedUpLabels(o.repo, data.repository);
  const issue = data.repository?.issue;
  if (!issue) return null;
  rememberLabelIds(o.repo, issue.labels.nodes);
  const readOlder = (before: string) => o.github.graphql<DecisionPageResult>(DECISION_COMMENTS_PAGE_QUERY, { ...variables, before });
  const readOlderEvents = (before: string) => o.github.graphql<DecisionPageResult>(DECISION_LABEL_EVENTS_PAGE_QUERY, { ...variables, before });
  // More pages only when the request really has more comments or label events than one page; the two lists page side by side.
  const [thread, events] = await Promise.all([
    readBackward(issue.comments, async (before) => (await readOlder(before)).repository?.issue?.comments, MAX_COMMENTS_READ),
    readBackward(issue.timelineItems, async (before) => (await readOlderEvents(before)).repository?.issue?.timelineItems, MAX_LABEL_EVENTS_READ),
  ]);
  const unread: string[] = [];
  if (!thread.complete) unread.push(`comments (only the newest ${MAX_COMMENTS_READ} were read)`);
  if (!events.complete) unread.push(`label changes (only the newest ${MAX_LABEL_EVENTS_READ} were read)`);
  const where = { issue: o.number };
  if (!thread.complete) warnCapped(o.log, "the request's comments", MAX_COMMENTS_READ, where);
  if (!events.complete) warnCapped(o.log, "the request's label changes", MAX_LABEL_EVENTS_READ, where);
  const labels = issue.labels.nodes.map((l) => l.name);
  const comments: HumanComment[] = [];
  const own: DecisionInput["own"] = [];
  const ownRead = thread.nodes.filter((c) => c.viewerDidAuthor);
  // Reactions past the first 100 of a comment are rare; the comments that have more are read side by side.
  const allReactions = await Promise.all(
    ownRead.map((c) => (c.reactions.pageInfo?.hasNextPage ? readAllReactions(o, c.databaseId) : { nodes: c.reactions.nodes.map(readReaction), complete: true })),
  );
  for (const c of thread.nodes) {
    if (c.viewerDidAuthor) {
      const reactions = allReactions[ownRead.indexOf(c)]!;
      if (!reactions.complete) {
        unread.push(`reactions on comment ${c.databaseId} (only the first ${MAX_REACTIONS_READ} were read)`);
        warnCapped(o.log, "a comment's reactions", MAX_REACTIONS_READ, { ...where, commentId: c.databaseId });
      }
      own.push({ id: c.databaseId, ...(c.id ? { nodeId: c.id } : {}), body: c.body, createdAt: c.createdAt, reactions: reactions.nodes });
    } else if (!isBot(c.author)) {
      comments.push({ id: c.databaseId, author: c.author!.login, createdAt: c.createdAt, lastEditedAt: c.lastEditedAt, commands: parseCommands(c.body), ...(c.url ? { url: c.url } : {}) });
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

  // Core/lead roles matter for the veto and the maintainer commands only: a ballot or a `/vote` asks none.
  const maintainersToCheck = new Set<string>(vetoLabelEvents.map((e) => e.actor));
  for (const c of comments) if (c.commands.some(isMaintainerCommand)) maintainersToCheck.add(c.author);
  // A vote's caller must be a moderator, and the moderators become its electorate: one list answers both.
  const callsVote = Boolean(trigger?.commands.some((k) => k.name === "vote" && k.args.length === 0)) && d.policy === "vote";
  const [flags, electorate] = await Promise.all([
    Promise.all([...maintainersToCheck].map(async (login) => {
      const [core, lead] = await Promise.all([o.roles.hasRole(login, "coreMaintainers"), o.roles.hasRole(login, "leadMaintainers")]);
      return [login, core, lead] as const;
    })),
    callsVote ? readElectorate(o.roles, unread, o.log) : Promise.resolve(null),
  ]);
  const roles: Record<string, RoleFlags> = {};
  for (const [login, core, lead] of flags) roles[login.toLowerCase()] = { moderator: false, core, lead };
  const callerIsModerator = electorate !== null && electorate.some((m) => m.toLowerCase() === trigger!.author.toLowerCase());
  if (callerIsModerator) {
    const key = trigger!.author.toLowerCase();
    roles[key] = { ...(roles[key] ?? { core: false, lead: false }), moderator: true };
  }
  const moderators = callerIsModerator ? electorate! : [];
  const target = { ...o.repo, issue: issue.number, ...(issue.id ? { nodeId: issue.id } : {}) };
  const venue = await readRunningVenue(o, target, own, unread);
  return {
    target,
    issue: {
      open: issue.state === "OPEN",
      stateReason: issue.stateReason,
      labels,
      isRequest: hasLabel(labels, o.config.intake.labels.request),
      ...(issue.title !== undefined ? { title: issue.title } : {}),
      ...(issue.url ? { url: issue.url } : {}),
      bodySha256: hashBody(issue.body ?? ""),
      lastEditedAt: issue.lastEditedAt ?? null,
      intakeProblems: checkIntake(issue.body ?? "", labels, o.config, o.repo),
    },
    comments,
    own,
    vetoLabelEvents,
    roles,
    trigger,
    moderators,
    unread,
    ...(venue !== undefined ? { venue } : {}),
    holders: {
      moderators: o.roles.describe("moderators"),
      maintainers: [...o.roles.describe("coreMaintainers"), ...o.roles.describe("leadMaintainers")],
    },
  };
}

/**
 * The running vote's issue in its private venue, when the vote is held in one and has no result yet
 * (two more requests: find the issue, read it). A vote whose venue issue cannot be found is listed as
 * unread: tallying it without its ballots would fail a vote that may have passed.
 */
async function readRunningVenue(o: ReadOptions, request: IssueRef, own: DecisionInput["own"], unread: string[]): Promise<VenueState | null | undefined> {
  const current = readVotes(own).at(-1);
  if (!current?.venue || readResults(own).some((r) => r.n === current.n)) return undefined;
  const [owner, repo] = current.venue.split("/") as [string, string];
  const found = await o.github.graphql<VenueQueryResult>(VENUE_QUERY, { owner, repo, labels: [o.config.decisions.labels.voteOpen] });
  const node = findVenueIssue(found.repository?.issues.nodes ?? [], request, current.n);
  if (!node) {
    unread.push(`the vote issue in ${current.venue} (not found among its open issues labelled \`${o.config.decisions.labels.voteOpen}\`)`);
    return null;
  }
  const inner = await readDecisionInput({ ...o, repo: { owner, repo }, number: node.number, trigger: null });
  if (!inner) return null;
  unread.push(...inner.unread);
  return { target: inner.target, open: inner.issue.open, comments: inner.comments, own: inner.own };
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
