import { z } from "zod";

export const intakeSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Validate group-creation requests."),
    labels: z
      .strictObject({
        request: z.string().min(1).default("group-request").describe("Applied by both request forms; marks an issue as a request."),
        interestGroup: z.string().min(1).default("interest-group").describe("Applied by the Interest Group form."),
        workingGroup: z.string().min(1).default("working-group").describe("Applied by the Working Group form."),
        ready: z.string().min(1).default("group/ready").describe("Set on a request that passes every check."),
        needsChanges: z.string().min(1).default("group/needs-changes").describe("Set on a request with problems."),
      })
      .prefault({}),
    checkUsers: z.boolean().default(true).describe("Check that every facilitator and maintainer is an existing GitHub user."),
    checkFirstItem: z.boolean().default(true).describe("Check that a WG's first Issue/PR/SEP exists in the repository."),
  })
  .describe("Group intake: validation of Interest Group and Working Group creation requests.");
