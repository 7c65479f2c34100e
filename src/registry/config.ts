import { z } from "zod";

const repoPath = z
  .string()
  .min(1)
  .regex(/^[^/\s:][^\s:]*[^/\s:]$|^[^/\s:]$/, "a folder path inside the repository, without leading or trailing `/` or `:`");

/**
 * MCP's largest charter is 13 KB. At 32 KB any charter, however hostile (thousands of setext
 * headings or table rows), parses within the 50 ms every parser is held to; a larger file is
 * refused with its size and this setting.
 */
export const DEFAULT_MAX_CHARTER_BYTES = 32_768;

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
    maxCharterBytes: z
      .number()
      .int()
      .min(16_384)
      .max(1_000_000)
      .default(DEFAULT_MAX_CHARTER_BYTES)
      .describe("Largest charter file read, in bytes (MCP's charters are under 10 KB); a larger charter is reported as a registry problem and not parsed."),
    // Older files still say `registry.sepLink`: an error naming the new key beats "unknown key".
    sepLink: z
      .never({ error: "moved: write `sepLink.enabled` at the top level of the file (the `sepLink:` section) instead of `registry.sepLink.enabled`" })
      .optional()
      .describe("Moved to the top-level `sepLink` section."),
  })
  .describe("Group registry: the Working and Interest Groups read from their charter files.");

export type RegistryConfig = z.output<typeof registrySection>;
