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
        claimPrefix: z
          .string()
          .min(1)
          .max(20)
          .regex(/^[^,]+$/, "must not contain a comma")
          .default("tag:")
          .describe(
            "Prefix of the label that records the channel tag a request claims (`tag:auth-ig`). The first request to claim a tag keeps it while it is open or approved; tags are looked up by this label, so an event never reads the other requests.",
          ),
      })
      .prefault({}),
    checkUsers: z.boolean().default(true).describe("Check that every facilitator and maintainer is an existing GitHub user."),
    checkFirstItem: z.boolean().default(true).describe("Check that a WG's first Issue/PR/SEP exists in the repository."),
  })
  .describe("Group intake: validation of Interest Group and Working Group creation requests.");
