import { z } from "zod";

/**
 * SEP ↔ WG link: the PR gets its owning WG's tag label and one comment naming the WG.
 * Which files are SEPs, and how many per PR are read, is the `seps` section's `path`, `ignoreFiles`
 * and `maxFilesPerPullRequest`.
 */
export const sepLinkSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Label SEP pull requests with their owning Working Group's tag and post one comment naming the group and its leads."),
  })
  .describe("SEP ↔ Working Group link.");
