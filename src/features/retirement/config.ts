import { z } from "zod";

/**
 * The retirement sweep: a WG with no human activity on its tracked issues and PRs for
 * `staleDays`, or with nothing left open, gets one review issue asking humans to decide. The app
 * never retires a group by itself.
 */
export const retirementSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Run the retirement sweep and the /keep-active and /retire commands."),
    staleDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .describe("Days without human activity on a WG's tracked work after which it is flagged (the rule says a month)."),
    labels: z
      .strictObject({
        candidate: z
          .string()
          .min(1)
          .default("group/retirement-candidate")
          .describe("On an open review issue; removed when work resumes or the group is retired."),
        retired: z.string().min(1).default("group/retired").describe("Added to the review issue by an authorised /retire; the group is then skipped."),
      })
      .prefault({}),
    titlePrefix: z.string().min(1).default("[retirement]").describe("Review issues are titled `<prefix> <WG name>`."),
    maxWritesPerRun: z
      .number()
      .int()
      .min(1)
      .max(500)
      .optional()
      .meta({ deprecated: true })
      .describe("Deprecated: the sweep has one write cap, `sweep.maxWritesPerRun`. Still honoured when set: at most this many of a run's writes go to retirement; the rest is reported and waits for the next sweep."),
    openCharterPr: z
      .boolean()
      .default(false)
      .describe("On an authorised /retire, also open a pull request that sets `status: retired` in the group's charter front matter."),
    maxSnoozeDays: z.number().int().min(1).max(3650).default(180).describe("Largest number of days `/keep-active` accepts."),
    openItemsPerGroup: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(50)
      .describe("Open tracked items read per WG (the most recently updated first; GitHub's page limit is 100)."),
    closedItemsPerGroup: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(20)
      .describe("Items closed within the window read per WG (the most recently updated first)."),
    groupsPerRequest: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(10)
      .describe("WGs whose activity one GraphQL request reads (keeps each request well under GitHub's node limit)."),
  })
  .describe("Retirement sweep: review issues for Working Groups whose tracked issues and PRs went stale.");

export type RetirementConfig = z.output<typeof retirementSection>;
