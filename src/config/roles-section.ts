import { z } from "zod";

const roleEntry = z
  .string()
  .trim()
  .regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/, {
    message: "must be a GitHub user (`alice`) or an org team (`org/team-slug`)",
  });

/** Defaults are the MCP organisation's teams; another community lists its own users or teams. */
export const rolesSection = z
  .strictObject({
    moderators: z.array(roleEntry).default(["modelcontextprotocol/community-moderators"]).describe("Community moderators: review group requests and vote on them."),
    coreMaintainers: z.array(roleEntry).default(["modelcontextprotocol/core-maintainers"]).describe("Core maintainers: may veto, sponsor, and change a group's facilitators and maintainers."),
    leadMaintainers: z.array(roleEntry).default(["modelcontextprotocol/lead-maintainers"]).describe("Lead maintainers: the same powers as core maintainers; one sponsor is enough."),
    maintainers: z.array(roleEntry).default(["modelcontextprotocol/maintainers"]).describe("Maintainers: may sponsor SEPs."),
  })
  .describe("Who holds each role: GitHub users and/or org teams (`org/team`).");
