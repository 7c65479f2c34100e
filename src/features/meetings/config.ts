import { z } from "zod";

/** Meetings: agenda files under `meetings/<group-tag>/<YYYY-MM-DD>.md` open and keep `[notes]` issues. */
export const meetingsSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Open and update meeting-notes issues from agenda files."),
    folder: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "a repository folder such as `meetings`")
      .default("meetings")
      .describe("Folder holding the agenda files: `<folder>/<group-tag>/<YYYY-MM-DD>.md`."),
    noticeDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(7)
      .describe("Meetings are published at least this many days ahead; a later agenda gets one warning comment."),
    notes: z
      .enum(["issue", "discussion"])
      .default("issue")
      .describe("Where a meeting's notes are kept: an issue, or a GitHub Discussion (in `discussionCategory`)."),
    discussionCategory: z
      .string()
      .min(1)
      .default("General")
      .describe("Discussion category (name or slug) of new notes discussions, when `notes: discussion`; it must exist in the repository."),
    notesLabel: z.string().min(1).default("notes").describe("Label of meeting-notes issues (the group tag is added too)."),
    titleFormat: z
      .string()
      .min(1)
      .default("[notes] {{group}} meeting — {{date}}")
      .describe("Title of a notes issue; `{{group}}` is the group's name, `{{tag}}` its tag, `{{date}}` the meeting date."),
    openAhead: z
      .number()
      .int()
      .min(1)
      .max(90)
      .default(7)
      .describe("Days ahead of a series occurrence (`series.yml`) at which the sweep opens its notes."),
    notesReminderAfter: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(48)
      .describe("Hours after a meeting's start at which the sweep reminds its facilitator (an `@handle`) once when the Notes section is still empty."),
    openPastMeetings: z
      .boolean()
      .default(false)
      .describe("Open a notes issue for an agenda whose meeting has already started."),
    maxAgendaBytes: z
      .number()
      .int()
      .min(1024)
      .max(1_000_000)
      .default(65_536)
      .describe("Largest agenda file accepted, in bytes."),
    checkPullRequests: z
      .boolean()
      .default(true)
      .describe("Check agenda files in pull requests (one GraphQL request per opened/synchronized/reopened pull request)."),
    checkName: z.string().min(1).default("Meeting agenda").describe("Name of the check run on pull requests touching agenda files, and on a pushed commit whose agenda files are invalid."),
    pushProblems: z
      .enum(["check", "comment"])
      .default("check")
      .describe("How invalid agenda files on a push to the default branch are reported: `check` (a failing check run on the pushed commit; needs only `checks: write`) or `comment` (a commit comment; needs `contents: write`)."),
  })
  .describe("Meetings: meeting-notes issues opened from agenda files, and the calendar feed.");

export type MeetingsConfig = z.output<typeof meetingsSection>;
