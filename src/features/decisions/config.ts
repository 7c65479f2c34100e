import { z } from "zod";

const label = (value: string, why: string) => z.string().min(1).default(value).describe(why);

/** Votes, vetoes and sponsorship. Defaults are the MCP governance rules. */
export const decisionsSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Handle /vote, /veto, /unveto, /sponsor and /unsponsor on group requests."),
    policy: z
      .enum(["vote", "sponsorship"])
      .default("vote")
      .describe("`vote`: a moderator calls a vote among the moderators. `sponsorship` (SEP-2149): core/lead maintainers sponsor the request."),
    voteDuration: z
      .string()
      .regex(/^\d+\s*[mhd]$/, { message: "must be a number followed by m, h or d (e.g. `72h`, `3d`)" })
      .default("72h")
      .describe("How long a vote stays open; the tally happens at the deadline, never earlier."),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("Share of yes ballots that must be EXCEEDED to pass (0.5 = more than half: with `denominator: electorate` the governance's \"majority positive vote by members\")."),
    quorum: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("Minimum number of moderator ballots (yes, no or abstain) for the vote to count; below it the vote fails. 0: none (the default, as the governance sets none)."),
    denominator: z
      .enum(["cast", "electorate"])
      .default("electorate")
      .describe("`electorate` (default, the governance's rule): yes / every moderator at the opening, so silence counts as no. `cast`: yes / (yes + no)."),
    reminderBefore: z
      .string()
      .regex(/^\d+\s*[mhd]$/, { message: "must be a number followed by m, h or d (e.g. `24h`); `0h` sends no reminder" })
      .default("24h")
      .describe("How long before the deadline the moderators who have not voted are reminded, once (`0h`: never)."),
    venue: z
      .union([
        z.literal("request"),
        z.strictObject({
          repository: z
            .string()
            .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, { message: "must be `owner/name`, e.g. `modelcontextprotocol/moderators`" })
            .describe("The private repository the vote issue opens in (the app must be installed there)."),
          showNames: z.boolean().default(false).describe("Whether the public outcome names who voted what (the counts are always shown)."),
        }),
      ])
      .default("request")
      .describe("Where the moderators vote: `request` (on the public request itself), or a private repository, as the governance holds the vote in a private channel."),
    sponsorship: z
      .strictObject({
        coreMaintainers: z.number().int().min(1).default(2).describe("Core maintainer sponsors that approve a request."),
        leadMaintainers: z.number().int().min(1).default(1).describe("Lead maintainer sponsors that approve a request."),
      })
      .prefault({}),
    labels: z
      .strictObject({
        voteOpen: label("vote/open", "On a request while its vote runs."),
        votePassed: label("vote/passed", "The vote passed."),
        voteFailed: label("vote/failed", "The vote failed (or missed its quorum)."),
        approved: label("group/approved", "The request is approved (vote passed or enough sponsors)."),
        vetoed: label("group/vetoed", "A core or lead maintainer vetoed the request."),
        veto: label("veto", "Added by a core or lead maintainer to veto; anyone else's is removed."),
      })
      .prefault({}),
  })
  .describe("Group decisions: the moderator vote, the maintainer veto and the sponsorship policy.");

/** `72h` → milliseconds. The schema already checked the form. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text}`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "m" | "h" | "d"];
  return Number(m[1]) * unit;
}
