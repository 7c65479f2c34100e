import { z } from "zod";
import { LOGIN, LOGIN_RULE } from "../core/github-login.js";

/** `alice`, `@alice`, `org/team` or `@org/team`, with logins in GitHub's grammar (also the JSON schema's pattern). */
const ROLE_ENTRY = new RegExp(`^@?${LOGIN.source.slice(1, -1)}(?:\\/[A-Za-z0-9._-]+)?$`);

const roleEntry = z
  .string()
  .trim()
  .regex(ROLE_ENTRY, { message: `must be a GitHub user (\`alice\`) or an org team (\`org/team-slug\`); a login has ${LOGIN_RULE}` });

/** Defaults are the MCP organisation's teams; another community lists its own users or teams. */
export const rolesSection = z
  .strictObject({
    moderators: z.array(roleEntry).default(["modelcontextprotocol/community-moderators"]).describe("Community moderators: review group requests and vote on them."),
    coreMaintainers: z.array(roleEntry).default(["modelcontextprotocol/core-maintainers"]).describe("Core maintainers: may veto, sponsor, and change a group's facilitators and maintainers."),
    leadMaintainers: z.array(roleEntry).default(["modelcontextprotocol/lead-maintainers"]).describe("Lead maintainers: the same powers as core maintainers; one sponsor is enough."),
    maintainers: z.array(roleEntry).default(["modelcontextprotocol/maintainers"]).describe("Maintainers: may sponsor SEPs."),
  })
  .describe("Who holds each role: GitHub users and/or org teams (`org/team`).");
