import { countOf, type CommandSpec } from "../../core/command-catalog.js";
import { describeDuration } from "../decisions/commands.js";

const MEMBERS = () => "a Working Group's leads and WG Members (its charter's Membership table)";

/** The consensus feature's commands, worded from the configured periods and labels. */
export const consensusCommands: readonly CommandSpec[] = [
  {
    name: "propose", usage: "/propose minor|significant [--scope] <summary>", who: MEMBERS,
    does: (c) => `Opens lazy consensus on an issue or pull request labelled with the group's tag, announced to its leads: accepted after ${describeDuration(c.consensus.minorPeriod)} (minor) or ${describeDuration(c.consensus.significantPeriod)} (significant) unless blocked. \`--scope\` marks a scope change (a formal vote then needs two thirds).`,
  },
  {
    name: "block", usage: "/block <objection>", who: MEMBERS,
    does: () => "Blocks the open proposal; the comment must state alternatives or criteria for resolution on a line `Alternative: …` or `Criteria: …`. A block standing at the deadline opens a formal vote.",
  },
  { name: "unblock", usage: "/unblock [@member]", who: () => "the WG Member who blocked, or a lead", does: () => "Lifts a block before the deadline." },
  {
    name: "formal-vote", usage: "/formal-vote", who: MEMBERS,
    does: (c) => `Asks for a formal vote on the open proposal: a lead's request opens it, or ${countOf(c.consensus.formalVoteRequests, "WG Member")}'.`,
  },
  {
    name: "vote", usage: "/vote yes|no|abstain <rationale>", who: () => "the WG Members called to a formal vote",
    does: (c) => `Casts a ballot in a proposal's formal vote (open ${describeDuration(c.consensus.votePeriod)}); the rationale is required. Quorum ${Math.round(c.consensus.quorum * 100)}% of the WG Members.`,
  },
];
