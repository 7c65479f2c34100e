import { z } from "zod";

const label = (value: string, why: string) => z.string().min(1).default(value).describe(why);
const duration = (value: string, why: string) =>
  z.string().regex(/^\d+\s*[mhd]$/, { message: "must be a number followed by m, h or d (e.g. `5d`, `120h`)" }).default(value).describe(why);

/** WG lazy consensus, blocks and the formal vote. Defaults are the MCP governance's "Decision-Making Process". */
export const consensusSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Handle /propose, /block, /unblock, /formal-vote and the formal vote's /vote on issues and pull requests labelled with a Working Group's tag."),
    minorPeriod: duration("5d", "Lazy consensus period of a `/propose minor` (the governance's minimum: 5 days)."),
    significantPeriod: duration("10d", "Lazy consensus period of a `/propose significant` (the governance's minimum: 10 days)."),
    votePeriod: duration("7d", "How long a formal vote stays open; it is tallied at its deadline by the sweep."),
    memberLevels: z
      .array(z.string().min(1))
      .default(["Lead", "Co-Lead", "WG Member", "Maintainer"])
      .describe("Levels in a charter's Membership table that make someone a WG Member (may propose, block, ask for and vote in a formal vote). The Leadership table's leads always are."),
    quorum: z.number().min(0).max(1).default(0.5).describe("Share of the active WG Members who must cast a ballot (abstentions count) for a formal vote to count."),
    formalVoteRequests: z.number().int().min(1).default(3).describe("WG Members whose `/formal-vote` opens a formal vote (a lead's alone does)."),
    labels: z
      .strictObject({
        pending: label("consensus/pending", "On a proposal while it is open (lazy consensus, blocked, or in a formal vote)."),
        blocked: label("consensus/blocked", "A WG Member's block stands."),
        voting: label("consensus/voting", "A formal vote runs."),
        accepted: label("consensus/accepted", "Accepted: no block at the deadline, or the formal vote passed."),
        rejected: label("consensus/rejected", "The formal vote was lost (more no than yes ballots)."),
        escalated: label("consensus/escalated", "The formal vote did not resolve it (no quorum, a tie, or a scope change short of two thirds): for the core maintainers."),
      })
      .prefault({}),
  })
  .describe("WG consensus: lazy consensus with blocks, then a formal vote, then escalation to the core maintainers.");

export type ConsensusConfig = z.output<typeof consensusSection>;
