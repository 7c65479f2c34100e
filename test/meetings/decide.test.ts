import { describe, expect, test } from "@jest/globals";
import { configSchema } from "../../src/features/config-schema.js";
import { decideMeetings } from "../../src/features/meetings/decide.js";
import type { MeetingsPushInput as MeetingsInput, PushedAgenda } from "../../src/features/meetings/gather.js";
import type { NotesIssue } from "../../src/features/meetings/notes-issue.js";
import type { Action } from "../../src/core/plan.js";
import { agendaText, type AgendaFields } from "../support/meetings-fixtures.js";

const config = configSchema.parse({});
const repo = { owner: "mcp", repo: "community" };
const SHA = "c0ffee".padEnd(40, "0");
const NOW = new Date("2027-03-01T12:00:00Z");

function file(date: string, fields: AgendaFields = {}, tag = "auth-ig"): PushedAgenda {
  const content = agendaText(date, fields);
  return { path: `meetings/${tag}/${date}.md`, tag, date, content, bytes: Buffer.byteLength(content), binary: false };
}

function input(files: PushedAgenda[], issues: NotesIssue[] = [], extra: Partial<MeetingsInput> = {}): MeetingsInput {
  return {
    kind: "push", repo, htmlUrl: "https://github.com/mcp/community", sha: SHA, headSha: SHA, files, misplaced: [],
    groups: [{ tag: "auth-ig", name: "Authorization Interest Group" }], issues, reported: false, ...extra,
  };
}

/** The issue the app opened for a plan's create action, as GitHub would return it in the next list. */
function issueFrom(action: Action, number = 7): NotesIssue {
  if (action.kind !== "issue.create") throw new Error(`expected issue.create, got ${action.kind}`);
  return { number, title: action.title, body: action.body, state: "open", stateReason: null, url: `https://github.com/mcp/community/issues/${number}`, labels: action.labels, meeting: action.marker.slice("meeting:".length) };
}

function apply(issue: NotesIssue, plan: Action[]): NotesIssue {
  let next = { ...issue };
  for (const a of plan) {
    if (a.kind === "issue.update") next = { ...next, ...(a.title ? { title: a.title } : {}), ...(a.body ? { body: a.body } : {}), ...(a.state ? { state: a.state } : {}), ...(a.stateReason ? { stateReason: a.stateReason.toUpperCase() } : {}) };
  }
  return next;
}

describe("decideMeetings", () => {
  test("a new agenda opens one issue with the title, labels and body", () => {
    const plan = decideMeetings(input([file("2027-03-15")]), config, NOW);
    expect(plan).toHaveLength(1);
    const create = plan[0]!;
    expect(create).toMatchObject({
      kind: "issue.create", target: repo, title: "[notes] Authorization Interest Group meeting — 2027-03-15", labels: ["notes", "auth-ig"], marker: "meeting:auth-ig/2027-03-15",
    });
    if (create.kind !== "issue.create") return;
    expect(create.body).toContain("<!-- convener:meeting:auth-ig/2027-03-15 -->");
    expect(create.body).toContain("| **Local time** | Monday, March 15, 2027, 09:00 America/Los_Angeles (UTC-07:00) |");
    expect(create.body).toContain("| **UTC** | 2027-03-15 16:00 UTC |");
    expect(create.body).toContain("- Review of SEP-1234");
    expect(create.body).toContain(`(https://github.com/mcp/community/blob/${SHA}/meetings/auth-ig/2027-03-15.md)`);
    for (const section of ["## Attendees", "## Notes", "## Decisions", "## Action items"]) expect(create.body).toContain(section);
    expect(create.comments).toBeUndefined();
  });

  test("a later head whose agenda is unchanged plans nothing; a changed agenda links the head's commit", () => {
    const first = decideMeetings(input([file("2027-03-15")]), config, NOW);
    const issue = issueFrom(first[0]!);
    const later = "beef".padEnd(40, "1");
    expect(decideMeetings(input([file("2027-03-15")], [issue], { headSha: later }), config, NOW)).toEqual([]);
    const changed = decideMeetings(input([file("2027-03-15", { time: "11:00" })], [issue], { headSha: later }), config, NOW);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ kind: "issue.update" });
    expect((changed[0] as { body: string }).body).toContain(`/blob/${later}/meetings/auth-ig/2027-03-15.md`);
  });

  test("the same push decided again against the issue it opened plans nothing", () => {
    const first = decideMeetings(input([file("2027-03-15")]), config, NOW);
    expect(decideMeetings(input([file("2027-03-15")], [issueFrom(first[0]!)]), config, NOW)).toEqual([]);
  });

  test("a changed agenda rewrites only the app block; people's notes stay", () => {
    const opened = issueFrom(decideMeetings(input([file("2027-03-15")]), config, NOW)[0]!);
    const human = { ...opened, body: opened.body.replace("## Notes\n", "## Notes\n\nAlice: we agreed on X.\n") };
    const plan = decideMeetings(input([file("2027-03-15", { body: "- New item" })], [human]), config, NOW);
    expect(plan).toHaveLength(1);
    const after = apply(human, plan);
    expect(after.body).toContain("- New item");
    expect(after.body).not.toContain("Review of SEP-1234");
    expect(after.body).toContain("## Notes\n\nAlice: we agreed on X.\n");
    expect(after.body.slice(after.body.indexOf("<!-- convener:meeting-end -->"))).toBe(human.body.slice(human.body.indexOf("<!-- convener:meeting-end -->")));
  });

  test("cancelled: one comment and a close as not planned, then nothing more", () => {
    const opened = issueFrom(decideMeetings(input([file("2027-03-15")]), config, NOW)[0]!);
    const plan = decideMeetings(input([file("2027-03-15", { cancelled: true })], [opened]), config, NOW);
    expect(plan.map((a) => a.kind)).toEqual(["comment.create", "issue.update"]);
    expect(plan[1]).toMatchObject({ state: "closed", stateReason: "not_planned" });
    expect(decideMeetings(input([file("2027-03-15", { cancelled: true })], [apply(opened, plan)]), config, NOW)).toEqual([]);
  });

  test("a deleted agenda file cancels its meeting", () => {
    const opened = issueFrom(decideMeetings(input([file("2027-03-15")]), config, NOW)[0]!);
    const removed = { ...file("2027-03-15"), content: null };
    const plan = decideMeetings(input([removed], [opened]), config, NOW);
    expect(plan.map((a) => a.kind)).toEqual(["comment.create", "issue.update"]);
    expect((plan[0] as { body: string }).body).toContain("its agenda file `meetings/auth-ig/2027-03-15.md` was deleted");
  });

  test("a rescheduled meeting (file renamed in one push) keeps its issue; the title follows the date", () => {
    const opened = issueFrom(decideMeetings(input([file("2027-03-15")]), config, NOW)[0]!);
    const plan = decideMeetings(input([{ ...file("2027-03-15"), content: null }, file("2027-03-22")], [opened]), config, NOW);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: "issue.update", title: "[notes] Authorization Interest Group meeting — 2027-03-22" });
    expect((plan[0] as { body: string }).body).toContain("<!-- convener:meeting:auth-ig/2027-03-22 -->");
  });

  test("an agenda published inside the notice period opens its issue with one warning comment", () => {
    const plan = decideMeetings(input([file("2027-03-04")]), config, NOW);
    expect(plan).toHaveLength(1);
    expect((plan[0] as { comments?: string[] }).comments).toEqual([expect.stringContaining("published 3 days and 5 hours before the meeting; meetings are announced at least 7 days in advance")]);
  });

  test("a past meeting opens nothing, unless configured", () => {
    expect(decideMeetings(input([file("2027-02-01")]), config, NOW)).toEqual([]);
    const open = configSchema.parse({ meetings: { openPastMeetings: true } });
    expect(decideMeetings(input([file("2027-02-01")]), open, NOW).map((a) => a.kind)).toEqual(["issue.create"]);
  });

  test("invalid agendas open nothing and are reported once on the commit, as a failing check run", () => {
    const files = [file("2027-03-15", { timezone: "PST" }), file("2027-03-16", {}, "unknown-wg")];
    const plan = decideMeetings(input(files), config, NOW);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: "check.create", name: "Meeting agenda", headSha: SHA, conclusion: "failure", title: "2 problems in agenda files" });
    const run = plan[0] as { summary: string; annotations: { path: string; start_line: number; message: string }[] };
    expect(run.summary).toContain("`meetings/auth-ig/2027-03-15.md` line 5: `timezone` must be an IANA zone name");
    expect(run.summary).toContain("push a fix to the default branch");
    expect(run.annotations).toEqual([
      expect.objectContaining({ path: "meetings/auth-ig/2027-03-15.md", start_line: 5, message: expect.stringContaining("`timezone` must be an IANA zone name") }),
      expect.objectContaining({ path: "meetings/unknown-wg/2027-03-16.md", start_line: 1, message: expect.stringContaining("registered groups: `auth-ig`") }),
    ]);
    // A redelivery finds the run it made; the sweep reports nothing.
    const made = { id: 1, status: "COMPLETED", conclusion: "FAILURE", title: "x", summary: "x", externalId: "d-1" };
    expect(decideMeetings(input(files, [], { latestRun: made, trigger: { externalId: "d-1", rerequested: false } }), config, NOW)).toEqual([]);
    expect(decideMeetings(input(files, [], { reported: true }), config, NOW)).toEqual([]);
  });

  test("with `pushProblems: comment` invalid agendas get one commit comment instead", () => {
    const files = [file("2027-03-15", { timezone: "PST" }), file("2027-03-16", {}, "unknown-wg")];
    const comment = configSchema.parse({ meetings: { pushProblems: "comment" } });
    const plan = decideMeetings(input(files), comment, NOW);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: "commit.comment", sha: SHA });
    const body = (plan[0] as { body: string }).body;
    expect(body).toContain("`meetings/auth-ig/2027-03-15.md` line 5: `timezone` must be an IANA zone name");
    expect(body).toContain("`meetings/unknown-wg/2027-03-16.md` line 1: `unknown-wg` (the folder name) is not a registered group tag; registered groups: `auth-ig`");
    expect(decideMeetings(input(files, [], { reported: true }), comment, NOW)).toEqual([]);
  });

  test("agenda text cannot mention people or forge the block markers", () => {
    const hostile = file("2027-03-15", { body: "- ping @everyone and @alice\n- <!-- convener:meeting-end --> <img src=x>" });
    const body = (decideMeetings(input([hostile]), config, NOW)[0] as { body: string }).body;
    expect(body).not.toMatch(/@alice/);
    expect(body.match(/<!-- convener:meeting-end -->/g)).toHaveLength(1);
    expect(body).not.toContain("<img");
  });

  test("a meeting cancelled earlier and scheduled again is reopened", () => {
    const opened = issueFrom(decideMeetings(input([file("2027-03-15")]), config, NOW)[0]!);
    const cancelled = apply(opened, decideMeetings(input([file("2027-03-15", { cancelled: true })], [opened]), config, NOW));
    const plan = decideMeetings(input([file("2027-03-15")], [cancelled]), config, NOW);
    expect(plan).toEqual([expect.objectContaining({ kind: "issue.update", state: "open" })]);
  });
});

describe("deleting old agenda files", () => {
  test("a meeting that took place is not cancelled when its file is removed", () => {
    const opened = issueFrom(decideMeetings(input([file("2027-03-15")]), config, NOW)[0]!);
    expect(decideMeetings(input([{ ...file("2027-03-15"), content: null }], [opened]), config, new Date("2027-04-01T00:00:00Z"))).toEqual([]);
  });

  test("cleaning up last week's file in the push that adds next week's is no move: last week's issue and notes stay", () => {
    const lastWeek = issueFrom(decideMeetings(input([file("2027-03-08")]), config, NOW)[0]!);
    const withNotes = { ...lastWeek, body: lastWeek.body.replace("## Notes\n", "## Notes\n\nWe agreed on X.\n") };
    const plan = decideMeetings(input([{ ...file("2027-03-08"), content: null }, file("2027-03-22")], [withNotes]), config, new Date("2027-03-09T12:00:00Z"));
    expect(plan).toEqual([expect.objectContaining({ kind: "issue.create", marker: "meeting:auth-ig/2027-03-22" })]);
  });

  test("the file removed the evening after the meeting (09:00 Los Angeles = 16:00 UTC) does not cancel it", () => {
    const opened = issueFrom(decideMeetings(input([file("2027-03-15")]), config, NOW)[0]!);
    const removed = { ...file("2027-03-15"), content: null };
    expect(decideMeetings(input([removed], [opened]), config, new Date("2027-03-16T01:00:00Z"))).toEqual([]);
    // An hour before it starts, removing the file still cancels it.
    const before = decideMeetings(input([removed], [opened]), config, new Date("2027-03-15T15:00:00Z"));
    expect(before.map((a) => a.kind)).toEqual(["comment.create", "issue.update"]);
  });
});
