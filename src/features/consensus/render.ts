import { countOf } from "../../core/command-catalog.js";
import { escapeUserText, mentionHandle, quoteHandle } from "../../core/escape.js";
import { renderMarker } from "../../core/markers.js";
import { formatTime } from "../decisions/replies.js";
import type { ConsensusConfig } from "./config.js";
import type { ConsensusGroup } from "./facts.js";
import { PROPOSAL_KEY, REPLY_KEY, RESULT_KEY, VOTE_KEY, type ProposalRecord, type ProposalState, type VoteRecord } from "./records.js";
import { summariseByOrganisation, type Tally } from "./tally.js";
import type { Block, Note } from "./timeline.js";

const handles = (logins: readonly string[]) => (logins.length ? logins.map(quoteHandle).join(", ") : "—");

export interface ProposalView {
  record: Omit<ProposalRecord, "comment" | "state">;
  state: ProposalState;
  blocks: Block[];
  group: ConsensusGroup;
  /** WG Members whose `/formal-vote` opens the vote (configured). */
  requestsNeeded: number;
}

const STATE_WORDS: Record<ProposalState, string> = {
  pending: "open: silence is consent",
  blocked: "blocked",
  voting: "in a formal vote",
  accepted: "accepted",
  rejected: "rejected by the formal vote",
  escalated: "escalated to the core maintainers",
};

/**
 * The proposal comment. Its marker is the contract other features read (`deadline`, `size`,
 * `state`); the leads' mentions are its first lines and never change, so they are told once (an
 * edit of a comment notifies nobody already mentioned).
 */
export function renderProposal(v: ProposalView): string {
  const r = v.record;
  const marker = renderMarker(PROPOSAL_KEY, {
    v: 1, deadline: r.deadline, size: r.size, state: v.state, scope: r.scope, group: r.group, proposer: r.proposer, calledBy: r.calledBy, opened: r.opened, summary: r.summary,
  });
  const lines = [
    marker,
    `**Lazy consensus** in the ${escapeUserText(v.group.name)} Working Group, for its leads: ${v.group.leads.map(mentionHandle).join(" ") || "none listed"}`,
    "",
    `${quoteHandle(r.proposer)} proposes (${r.size}${r.scope ? ", scope change" : ""}): ${escapeUserText(r.summary, 500)}`,
    "",
    `**Deadline: ${formatTime(r.deadline)}.** Silence is consent: with no block standing at the deadline the proposal is accepted.`,
    `Any WG Member may \`/block <objection>\`, stating alternatives or criteria for resolution on a line \`Alternative: …\` or \`Criteria: …\`; \`/unblock\` lifts it. A block standing at the deadline, a lead's \`/formal-vote\`, or ${countOf(v.requestsNeeded, "WG Member")}' turn it into a formal vote${r.scope ? " (scope change: two thirds of the yes/no ballots must be yes)" : ""}.`,
    "",
    `State: **${STATE_WORDS[v.state]}**.`,
  ];
  if (v.blocks.length > 0 && (v.state === "blocked" || v.state === "voting")) {
    lines.push("", "Blocks standing:", ...v.blocks.map((b) => `- ${quoteHandle(b.by)} at ${formatTime(b.at)} (comment ${b.commentId})`));
  }
  return lines.join("\n");
}

export function renderVoteOpen(vote: Omit<VoteRecord, "comment">, scope: boolean, quorumShare: number): string {
  const marker = renderMarker(VOTE_KEY, { opened: vote.opened, deadline: vote.deadline, electorate: vote.electorate, why: vote.why });
  const needed = Math.max(1, Math.ceil(quorumShare * vote.electorate.length - 1e-9));
  return [
    marker,
    `**Formal vote** (${escapeUserText(vote.why)}), open until **${formatTime(vote.deadline)}**.`,
    "",
    `Electorate: the ${vote.electorate.length} active WG Members, ${handles(vote.electorate.map((v) => v.login))}.`,
    `Rule: quorum is ${needed} ballots (${Math.round(quorumShare * 100)}% of the WG Members, abstentions count); it passes when ${scope ? "at least two thirds" : "more than half"} of the yes/no ballots are yes. No quorum, a tie${scope ? " or a majority short of two thirds" : ""} is escalated to the core maintainers.`,
    "",
    "Vote with `/vote yes|no|abstain <rationale>` (the rationale is required: every vote is documented with it); your latest ballot before the deadline counts.",
  ].join("\n");
}

export function renderResult(outcome: "accepted", why: string): string;
export function renderResult(outcome: Tally["outcome"], why: string, tally: Tally, scope: boolean): string;
export function renderResult(outcome: Tally["outcome"], why: string, tally?: Tally, scope?: boolean): string {
  const marker = renderMarker(RESULT_KEY, { outcome });
  const head = { accepted: "✅ **Accepted**", rejected: "❌ **Rejected**", escalated: "⚠️ **Escalated to the core maintainers**" }[outcome];
  const lines = [marker, `${head}: ${escapeUserText(why, 300)}.`];
  if (!tally) return lines.join("\n");
  const all = [...tally.yes, ...tally.no, ...tally.abstain].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  lines.push("", `Formal vote${scope ? " on a scope change" : ""}: quorum ${tally.quorumNeeded} of ${tally.electorate.length}.`, "", "| WG Member | Ballot | Rationale | When |", "| --- | --- | --- | --- |");
  for (const b of all) lines.push(`| ${quoteHandle(b.voter)} | ${b.choice} | ${escapeUserText(b.rationale, 300)} | ${formatTime(b.at)} (comment ${b.commentId}) |`);
  if (outcome === "escalated") {
    lines.push("", "Positions per organisation, for the core maintainer who resolves it (one who shares no affiliation with the parties):", "");
    for (const o of summariseByOrganisation(tally)) {
      const part = (word: string, logins: string[]) => (logins.length ? `${logins.length} ${word} (${handles(logins)})` : "");
      lines.push(`- **${escapeUserText(o.organization)}**: ${[part("yes", o.yes), part("no", o.no), part("abstaining", o.abstain), part("silent", o.silent)].filter(Boolean).join(", ")}`);
    }
  }
  return lines.join("\n");
}

const NOTE_TEXT: Record<Note["kind"], (n: any, who: string, config: ConsensusConfig) => string> = {
  alreadyProposed: () => "This item already carries a proposal; open a new issue for another one.",
  notMember: (n, who) => `\`/${n.command}\` is for the Working Group's WG Members (its charter's Membership table, and its leads); ${who} is not listed there.`,
  needsResolution: () => "A block must propose alternatives or clear criteria for resolution: add a line `Alternative: …` or `Criteria: …` to a new `/block` comment. This one does not block.",
  lazyOver: (n) => `\`/${n.command}\` came after the lazy consensus deadline: it has no effect.`,
  nothingToLift: () => "There is no block to lift.",
  notBlocker: () => "Only the WG Member who blocked, or a lead, may lift a block.",
  alreadyVoting: () => "A formal vote is already open: cast a ballot with `/vote yes|no|abstain <rationale>`.",
  requestCounted: (n, _w, c) => `Your request for a formal vote is counted (${n.count} of the ${n.needed ?? c.formalVoteRequests} WG Members it takes, or one lead).`,
  noVote: () => "No formal vote is open on this proposal, so this ballot does not count.",
  lateBallot: () => "The formal vote had closed: this ballot does not count.",
  badChoice: (n) => `\`${escapeUserText(n.choice, 40)}\` is not a ballot: write \`/vote yes|no|abstain <rationale>\`.`,
  needsRationale: () => "Every formal vote is documented with its rationale: write `/vote yes|no|abstain <rationale>`. This ballot does not count.",
  notElectorate: (_n, who) => `${who} is not among the active WG Members called to this vote: the ballot does not count.`,
};

export function renderReply(commentId: number, who: string, notes: readonly (Note | string)[], config: ConsensusConfig): string {
  const body = notes.map((n) => `- ${typeof n === "string" ? n : NOTE_TEXT[n.kind](n, quoteHandle(who), config)}`);
  return [renderMarker(REPLY_KEY(commentId)), `${quoteHandle(who)}:`, "", ...body].join("\n");
}
