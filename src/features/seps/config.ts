import { z } from "zod";

const roleName = z.enum(["maintainers", "coreMaintainers", "leadMaintainers", "moderators"]);

/**
 * The `SEP metadata` check, following the MCP SEP guidelines (`docs/community/sep-guidelines.mdx` in the MCP repository). Defaults are the MCP rules; another
 * standards body renames statuses, labels, fields and sections here.
 */
export const sepsSection = z.strictObject({
  enabled: z.boolean().default(true).describe("Run the `SEP metadata` check run on pull requests touching the SEP folder."),
  path: z
    .string()
    .regex(/^[^*?]+\/$/, { message: "must be a folder path ending in `/`, e.g. `seps/`" })
    .default("seps/")
    .describe("Folder holding SEP files; a PR touching `<path>*.md` is checked (sub-folders are not SEPs)."),
  maxFileBytes: z
    .number()
    .int()
    .min(65_536)
    .max(1_000_000)
    .default(262_144)
    .describe("Largest SEP file checked, in bytes (the largest MCP SEP is about 67 KB); a larger file gets one `file-size` error and is not parsed."),
  ignoreFiles: z.array(z.string()).default(["README.md", "TEMPLATE.md"]).describe("File names in the folder that are not SEPs."),
  checkName: z.string().min(1).default("SEP metadata").describe("Name of the check run."),
  statuses: z
    .array(z.string().min(1))
    .default(["Draft", "In-Review", "Accepted", "Rejected", "Withdrawn", "Final", "Superseded", "Dormant"])
    .describe("Allowed `Status` values, in their canonical spelling."),
  types: z
    .array(z.string().min(1))
    .default(["Standards Track", "Informational", "Process", "Extensions Track"])
    .describe("Allowed `Type` values, in their canonical spelling."),
  requiredFields: z
    .array(z.string().min(1))
    .default(["Status", "Type", "Created", "Author(s)", "Sponsor", "PR"])
    .describe("Header fields every SEP must have."),
  optionalFields: z
    .array(z.string().min(1))
    .default(["Working Group", "Accepted", "Issue", "Requires", "Supersedes", "Superseded-By", "Replaces", "Related", "Extension Identifier", "Discussion"])
    .describe("Other header fields that are known; any further field is reported as unknown (a warning)."),
  requiredSections: z
    .array(z.string().min(1))
    .default(["Abstract", "Motivation", "Specification", "Rationale", "Backward Compatibility", "Security Implications", "Reference Implementation"])
    .describe("Sections (headings of any level) the template requires."),
  sectionAliases: z
    .record(z.string(), z.array(z.string()))
    .default({
      "Backward Compatibility": ["Backwards Compatibility"],
      "Security Implications": ["Security Considerations"],
      Specification: ["Specification Changes"],
    })
    .describe("Headings accepted for a required section, with a warning naming the canonical heading."),
  placeholderStatuses: z
    .array(z.string())
    .default(["Draft"])
    .describe("Statuses in which the `0000-` file name and `SEP-0000`/`SEP-DRAFT` titles are allowed (as warnings)."),
  sponsorRequiredFrom: z
    .array(z.string())
    .default(["Draft", "In-Review", "Accepted", "Final"])
    .describe("Statuses in which the Sponsor must name a person (not `None`)."),
  sponsorRoles: z
    .array(roleName)
    .default(["maintainers", "coreMaintainers", "leadMaintainers"])
    .describe("Roles (from `roles`) a sponsor must hold, checked in this order."),
  transitions: z
    .record(z.string(), z.array(z.string()))
    .default({
      proposal: ["draft", "dormant", "withdrawn"],
      draft: ["in-review", "dormant", "withdrawn"],
      "in-review": ["accepted", "rejected", "draft", "dormant"],
      accepted: ["final", "dormant"],
      dormant: ["proposal", "draft"],
      final: ["superseded"],
    })
    .describe("Allowed status moves (lower-case status → next statuses) between the base branch and the PR."),
  stateLabels: z
    .record(z.string(), z.string())
    .default({ Draft: "draft", "In-Review": "in-review", Accepted: "accepted", Final: "final", Dormant: "dormant" })
    .describe("The PR label that goes with each Status; statuses not listed need no state label."),
  otherStateLabels: z.array(z.string()).default(["proposal"]).describe("Further state labels that must not contradict the Status."),
  syncLabels: z
    .boolean()
    .default(false)
    .describe("When true, Convener sets the PR's state label to match the Status of its (single) SEP file; by default the mismatch is only reported and the sponsor fixes the label."),
  closedStatuses: z
    .array(z.string())
    .default(["Final", "Rejected", "Withdrawn", "Superseded", "Dormant"])
    .describe("Statuses of finished SEPs: they are not asked to name an owning Working Group."),
  maxFilesPerPullRequest: z.number().int().min(1).max(3000).default(3000).describe("At most this many SEP files are checked per PR (GitHub lists at most 3,000 files of a PR); any further SEP file fails the check as not checked."),
});

export type SepsConfig = z.output<typeof sepsSection>;
