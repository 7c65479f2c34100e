import { z } from "zod";

/** The sweep runner (CLI, schedule, HTTP trigger): limits per run. */
export const sweepSection = z
  .strictObject({
    maxWritesPerRun: z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe("Most writes one sweep makes across all its repositories; the rest is reported and left for the next run."),
  })
  .describe("The sweep: timed work (vote deadlines, retirement reviews).");
