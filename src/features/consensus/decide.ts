import type { Config } from "../config-schema.js";
import { planLabels, planStickyComment, type Plan } from "../../core/plan.js";
import { parseDuration } from "../decisions/config.js";
import { quoteHandle } from "../../core/escape.js";
import { timeOf, type ConsensusComment, type ConsensusGroup, type ConsensusInput } from "./facts.js";
import { findLabelledGroups, isMember } from "./membership.js";
import {
  PROPOSAL_KEY, REPLY_KEY, RESULT_KEY, VOTE_KEY, hasOwnMarker, readProposal, readResult, readVote, type ProposalRecord, type ProposalState, type Size, type Voter,
} from "./records.js";
import { renderProposal, renderReply, renderResult, renderVoteOpen } from "./render.js";
import { tallyVote } from "./tally.js";
import { collectBallots, replayLazyPhase, type Note } from "./timeline.js";

const LIFECYCLE_COMMANDS = ["block", "unblock", "formal-vote"];

/**
 * The whole consensus state of one issue or pull request, from GitHub's state now: opening a
 * proposal from a valid `/propose`, its blocks and their lifting, the formal vote (opened once, its
 * electorate frozen), the outcome at the deadline (one result comment, so exactly once), the labels,
 * and one reply to the trigger comment naming whatever had no effect. Emits only what differs.
 */
export function decideConsensus(input: ConsensusInput, config: Config, now: Date): Plan {
  const c = config.consensus;
  if (!c.enabled || input.unread) return [];
  const trigger = input.trigger ? input.comments.find((x) => x.id === input.trigger!.commentId) : undefined;
  const proposal = readProposal(input.own);
  if (!proposal) return trigger ? planOpening(input, trigger, config) : [];

  const t = input.target;
  const group = input.groups.find((g) => g.tag.toLowerCase() === proposal.group.toLowerCase());
  if (!group) return []; // the group's charter is gone or retired: nobody can be told who may act
  const plan: Plan = [];
  const notes = new Map<number, Note[]>();
  const result = readResult(input.own);
  const lazy = replayLazyPhase(proposal, group, input.comments, c.formalVoteRequests, now, notes);
  const recorded = readVote(input.own);
  let vote = recorded;
  if (!recorded && lazy.vote && !result) {
    const opened = lazy.vote.at;
    const opening = { opened, deadline: new Date(timeOf(opened) + parseDuration(c.votePeriod)).toISOString(), electorate: electorateOf(group), why: lazy.vote.why };
    plan.push(...planStickyComment(t, VOTE_KEY, renderVoteOpen(opening, proposal.scope, c.quorum), null, `formal vote: ${lazy.vote.why}`));
    vote = { ...opening, comment: proposal.comment };
  }
  const ballots = collectBallots(proposal, input.comments, vote, notes);

  let state: ProposalState;
  if (result) state = result.outcome;
  else if (vote && now.getTime() >= timeOf(vote.deadline)) {
    const tally = tallyVote(vote.electorate, ballots, proposal.scope, c.quorum);
    plan.push(...planStickyComment(t, RESULT_KEY, renderResult(tally.outcome, tally.why, tally, proposal.scope), null, `the formal vote closed: ${tally.outcome}`));
    state = tally.outcome;
  } else if (vote) state = "voting";
  else if (now.getTime() >= timeOf(proposal.deadline)) {
    const why = `no block stood at the deadline, ${formatDeadline(proposal.deadline)}: silence is consent`;
    plan.push(...planStickyComment(t, RESULT_KEY, renderResult("accepted", why), null, "lazy consensus reached at the deadline"));
    state = "accepted";
  } else state = lazy.blocks.length > 0 ? "blocked" : "pending";

  const body = renderProposal({ record: proposal, state, blocks: lazy.blocks, group, requestsNeeded: c.formalVoteRequests });
  plan.push(...planStickyComment(t, PROPOSAL_KEY, body, { id: proposal.comment.id, ...(proposal.comment.nodeId ? { nodeId: proposal.comment.nodeId } : {}), body: proposal.comment.body }, `proposal ${state}`));
  plan.push(...planStateLabels(input, config, state));
  if (trigger) plan.push(...planReply(input, trigger, notes.get(trigger.id) ?? [], config));
  return plan;
}

function formatDeadline(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** The active WG Members at the opening: the leads and the Membership table's members, each once. */
function electorateOf(group: ConsensusGroup): Voter[] {
  const seen = new Map<string, Voter>();
  for (const m of group.members) if (!seen.has(m.login.toLowerCase())) seen.set(m.login.toLowerCase(), { login: m.login, organization: m.organization });
  for (const l of group.leads) if (!seen.has(l.toLowerCase())) seen.set(l.toLowerCase(), { login: l, organization: "" });
  return [...seen.values()];
}

const OPEN_STATES: readonly ProposalState[] = ["pending", "blocked", "voting"];

function planStateLabels(input: ConsensusInput, config: Config, state: ProposalState): Plan {
  const L = config.consensus.labels;
  const want = [OPEN_STATES.includes(state) ? L.pending : null, state === "pending" ? null : L[state]].filter((l): l is string => l !== null);
  const all = [L.pending, L.blocked, L.voting, L.accepted, L.rejected, L.escalated];
  return planLabels(input.target, input.labels, want, all, `proposal ${state}`);
}

/** `/propose minor|significant [--scope] <summary>`: the parts, or why the command is not one. */
export function readPropose(rest: string): { size: Size; scope: boolean; summary: string } | string {
  const words = rest.split(/\s+/).filter(Boolean);
  const size = words[0]?.toLowerCase();
  if (size !== "minor" && size !== "significant") return "Write `/propose minor <summary>` or `/propose significant [--scope] <summary>`: the size sets the deadline.";
  const scope = words.slice(1).some((w) => w.toLowerCase() === "--scope");
  const summary = words.slice(1).filter((w) => w.toLowerCase() !== "--scope").join(" ");
  if (!summary) return "A proposal needs a summary: `/propose " + size + " <what is proposed>`.";
  return { size, scope, summary };
}

/** A `/propose` on an item with no proposal yet: checked, then the proposal comment and its label. */
function planOpening(input: ConsensusInput, trigger: ConsensusComment, config: Config): Plan {
  const c = config.consensus;
  const notes: string[] = [];
  let plan: Plan = [];
  for (const k of trigger.commands) {
    if (LIFECYCLE_COMMANDS.includes(k.name)) notes.push(`There is no open proposal here: \`/${k.name}\` has nothing to act on.`);
    if (k.name !== "propose" || plan.length > 0) continue;
    const read = readPropose(k.rest);
    const groups = findLabelledGroups(input.groups, input.labels);
    if (typeof read === "string") notes.push(read);
    else if (groups.length === 0) notes.push("A proposal belongs to a Working Group: label this item with the group's tag (e.g. `agents-wg`) first.");
    else if (groups.length > 1) notes.push(`This item carries the tags of several Working Groups (${groups.map((g) => "`" + g.tag + "`").join(", ")}): keep only the one the proposal belongs to.`);
    else if (!isMember(groups[0]!, trigger.author)) {
      notes.push(`Only the ${groups[0]!.name} Working Group's leads and WG Members (its charter's Membership table) may propose; ${quoteHandle(trigger.author)} is not listed there.`);
    } else {
      const group = groups[0]!;
      const opened = trigger.createdAt;
      const period = read.size === "minor" ? c.minorPeriod : c.significantPeriod;
      const record: Omit<ProposalRecord, "comment" | "state"> = {
        size: read.size, scope: read.scope, summary: [...read.summary].slice(0, 500).join(""), group: group.tag, proposer: trigger.author, calledBy: trigger.id, opened,
        deadline: new Date(timeOf(opened) + parseDuration(period)).toISOString(),
      };
      const body = renderProposal({ record, state: "pending", blocks: [], group, requestsNeeded: c.formalVoteRequests });
      plan = [
        ...planStickyComment(input.target, PROPOSAL_KEY, body, null, `${trigger.author} proposed (${read.size})`),
        ...planLabels(input.target, input.labels, [c.labels.pending], [], "a proposal is open"),
      ];
    }
  }
  if (notes.length > 0 && !hasOwnMarker(input.own, REPLY_KEY(trigger.id))) {
    plan.push(...planStickyComment(input.target, REPLY_KEY(trigger.id), renderReply(trigger.id, trigger.author, notes, c), null, `reply to comment ${trigger.id}`));
  }
  return plan;
}

function planReply(input: ConsensusInput, trigger: ConsensusComment, notes: readonly Note[], config: Config): Plan {
  if (notes.length === 0 || hasOwnMarker(input.own, REPLY_KEY(trigger.id))) return [];
  return planStickyComment(input.target, REPLY_KEY(trigger.id), renderReply(trigger.id, trigger.author, notes, config.consensus), null, `reply to comment ${trigger.id}`);
}
