import type { Config } from "../config-schema.js";
import { parseCommands } from "../../core/commands.js";
import type { FeatureContext } from "../../core/feature.js";
import type { GitHubReader } from "../../core/github.js";
import { isBotAccount } from "../../core/identity.js";
import { hasLabel } from "../../core/labels.js";
import type { Log } from "../../core/log.js";
import { MAX_COMMENTS_READ, readForward, warnCapped } from "../../core/paging.js";
import type { RepoRef } from "../../core/plan.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { Group } from "../../registry/types.js";
import type { ConsensusGroup, ConsensusInput } from "./facts.js";
import { CONSENSUS_COMMENTS_PAGE_QUERY, CONSENSUS_QUERY, type ConsensusQueryResult } from "./query.js";

/** The commands this feature answers; `/vote` only on an item with a proposal (decisions owns it elsewhere). */
export const CONSENSUS_COMMANDS = ["propose", "block", "unblock", "formal-vote", "vote"] as const;

const mentionsCommand = (body: unknown) => typeof body === "string" && /(^|\n)\s*\/(propose|block|unblock|formal-vote|vote)\b/i.test(body);

/** Before the configuration is read: a comment naming one of the commands, by a person. */
export function mayConcernConsensus(_event: string, payload: any): boolean {
  const { issue, comment, sender } = payload ?? {};
  if (!issue || !comment || isBotAccount(sender) || isBotAccount(comment.user)) return false;
  return mentionsCommand(comment.body);
}

/**
 * Webhook side: a consensus command in a new comment (it gets the reply), or any other command
 * comment on an item with an open proposal (its state is recomputed). Reads the item once, and the
 * registry (cached per default-branch commit) for the groups' leads and members.
 */
export async function gatherConsensus(ctx: FeatureContext): Promise<ConsensusInput | null> {
  const c = ctx.config.consensus;
  const { issue, comment } = ctx.payload;
  if (!c.enabled || !issue || !comment || isBotAccount(comment.user)) return null;
  const commands = parseCommands(comment.body).filter((k) => (CONSENSUS_COMMANDS as readonly string[]).includes(k.name));
  if (commands.length === 0) return null;
  const labels: string[] = (issue.labels ?? []).map((l: { name: string }) => l.name);
  // `/vote` belongs to the decisions feature unless a proposal is open here.
  if (commands.every((k) => k.name === "vote") && !hasLabel(labels, c.labels.pending)) return null;
  const trigger = ctx.event === "issue_comment.created" ? { commentId: Number(comment.id) } : null;
  return readConsensusInput({ github: ctx.github, log: ctx.log, repo: ctx.repo, config: ctx.config, number: issue.number, trigger });
}

export interface ReadOptions {
  github: GitHubReader;
  log: Log;
  repo: RepoRef;
  config: Config;
  number: number;
  trigger: { commentId: number } | null;
}

/** One item's state now (shared by the webhook and the sweep). */
export async function readConsensusInput(o: ReadOptions): Promise<ConsensusInput | null> {
  const variables = { owner: o.repo.owner, repo: o.repo.repo, number: o.number };
  const [data, registry] = await Promise.all([
    o.github.graphql<ConsensusQueryResult>(CONSENSUS_QUERY, variables),
    loadRegistry(o.github, o.repo, o.config),
  ]);
  const item = data.repository?.issueOrPullRequest;
  if (!item?.comments) return null;
  const readPage = async (after: string) => (await o.github.graphql<ConsensusQueryResult>(CONSENSUS_COMMENTS_PAGE_QUERY, { ...variables, after })).repository?.issueOrPullRequest?.comments;
  const thread = await readForward(item.comments, readPage, MAX_COMMENTS_READ);
  if (!thread.complete) warnCapped(o.log, "the proposal's comments", MAX_COMMENTS_READ, { issue: o.number });
  const isBot = (a: { login: string; __typename?: string } | null) => !a || a.__typename === "Bot" || isBotAccount({ login: a.login });
  const own: ConsensusInput["own"] = [];
  const comments: ConsensusInput["comments"] = [];
  for (const c of thread.nodes) {
    if (c.viewerDidAuthor) own.push({ id: c.databaseId, ...(c.id ? { nodeId: c.id } : {}), body: c.body, createdAt: c.createdAt });
    else if (!isBot(c.author)) comments.push({ id: c.databaseId, author: c.author!.login, createdAt: c.createdAt, lastEditedAt: c.lastEditedAt, body: c.body, commands: parseCommands(c.body) });
  }
  return {
    target: { ...o.repo, issue: o.number, ...(item.id ? { nodeId: item.id } : {}) },
    labels: (item.labels?.nodes ?? []).map((l) => l.name),
    groups: registry.groups.filter((g) => g.kind === "wg" && g.status !== "retired").map((g) => toConsensusGroup(g, o.config)),
    comments,
    own,
    trigger: o.trigger,
    unread: !thread.complete,
  };
}

/** A charter's leads and its WG Members (the Membership table's member levels), by login. */
export function toConsensusGroup(group: Group, config: Config): ConsensusGroup {
  const levels = config.consensus.memberLevels.map((l) => l.toLowerCase());
  const leads = group.leads.filter((p) => p.handle).map((p) => p.handle!);
  const members = [
    ...group.leads.filter((p) => p.handle).map((p) => ({ login: p.handle!, organization: p.organization ?? "" })),
    ...group.members.filter((p) => p.handle && levels.includes((p.role ?? "").trim().toLowerCase())).map((p) => ({ login: p.handle!, organization: p.organization ?? "" })),
  ];
  // A lead listed in both tables keeps the Membership table's organisation when the Leadership table has none.
  const byLogin = new Map<string, { login: string; organization: string }>();
  for (const m of members) {
    const prior = byLogin.get(m.login.toLowerCase());
    byLogin.set(m.login.toLowerCase(), prior && prior.organization ? prior : m);
  }
  return { name: group.name, tag: group.tag, leads, members: [...byLogin.values()] };
}
