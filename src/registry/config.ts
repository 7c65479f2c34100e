import { z } from "zod";

const repoPath = z
  .string()
  .min(1)
  .regex(/^[^/\s:][^\s:]*[^/\s:]$|^[^/\s:]$/, "a folder path inside the repository, without leading or trailing `/` or `:`");

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

export const registrySection = z
  .strictObject({
    workingGroupsPath: repoPath.default("docs/community/working-groups").describe("Folder of Working Group charters (`<name>.mdx`) on the default branch."),
    interestGroupsPath: repoPath.default("docs/community/interest-groups").describe("Folder of Interest Group charters (`<name>.mdx`) on the default branch."),
    headCheckSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(60)
      .describe("How long the default-branch head commit is trusted before it is checked again (one small GraphQL request). The registry itself is read once per commit."),
    sepLink: sepLinkSection.prefault({}),
  })
  .describe("Group registry: the Working and Interest Groups read from their charter files.");

export type RegistryConfig = z.output<typeof registrySection>;
