import { describe, expect, test } from "@jest/globals";
import { configSchema } from "../../src/features/config-schema.js";
import { decideMeetings } from "../../src/features/meetings/decide.js";
import type { MeetingsPushInput, PushedAgenda } from "../../src/features/meetings/gather.js";
import type { NotesIssue } from "../../src/features/meetings/notes-issue.js";
import { readOpenActionItems } from "../../src/features/meetings/previous-notes.js";
import { parseAgenda } from "../../src/features/meetings/parse-agenda.js";
import { agendaText } from "../support/meetings-fixtures.js";

/** Facilitator and note-taker as @handles, the previous meeting's notes and action items, the reminder. */
const config = configSchema.parse({});
const repo = { owner: "mcp", repo: "community" };
const SHA = "c0ffee".padEnd(40, "0");
const NOW = new Date("2027-03-01T12:00:00Z");
const HOUR = 3_600_000;

function withPeople(date: string, facilitator: string, noteTaker?: string): string {
  return agendaText(date).replace("facilitator: Alice Example", `facilitator: "${facilitator}"${noteTaker ? `\nnote-taker: "${noteTaker}"` : ""}`);
}

function file(date: string, content: string): PushedAgenda {
  return { path: `meetings/auth-ig/${date}.md`, tag: "auth-ig", date, content, bytes: Buffer.byteLength(content), binary: false };
}

function input(files: PushedAgenda[], issues: NotesIssue[] = [], extra: Partial<MeetingsPushInput> = {}): MeetingsPushInput {
  return {
    kind: "push", repo, htmlUrl: "https://github.com/mcp/community", sha: SHA, headSha: SHA, files, misplaced: [],
    groups: [{ tag: "auth-ig", name: "Authorization" }], issues, reported: false, ...extra,
  };
}

/** The notes issue a create would make, with people's text written into it. */
function opened(date: string, content: string, now: Date, edit: (body: string) => string = (b) => b, number = 3): NotesIssue {
  const create = decideMeetings(input([file(date, content)]), config, now).find((a) => a.kind === "issue.create");
  if (create?.kind !== "issue.create") throw new Error("no create");
  return {
    number, nodeId: `I_${number}`, title: create.title, body: edit(create.body), state: "open", stateReason: null,
    url: `https://github.com/mcp/community/issues/${number}`, labels: create.labels, meeting: `auth-ig/${date}`, reminded: false,
  };
}

describe("notes that get written", () => {
  test("@handles are validated, and assigned on the new notes issue", () => {
    const plan = decideMeetings(input([file("2027-03-15", withPeople("2027-03-15", "@alice", "@bob-smith"))]), config, NOW);
    expect(plan[0]).toMatchObject({ kind: "issue.create", assignees: ["alice", "bob-smith"] });
    const named = decideMeetings(input([file("2027-03-15", withPeople("2027-03-15", "Alice Example"))]), config, NOW);
    expect(named[0]).not.toHaveProperty("assignees");
    const bad = parseAgenda("meetings/auth-ig/2027-03-15.md", "auth-ig", "2027-03-15", withPeople("2027-03-15", "@alice smith"), 65_536);
    expect(bad.ok ? [] : bad.problems.map((p) => p.message)).toEqual([
      "`facilitator` is `@alice smith`, which is not a GitHub handle (a space (U+0020) is not an ASCII letter, digit or hyphen); write `@login`, or a name without `@`",
    ]);
  });

  test("a new meeting links the previous one's notes and carries over its unchecked action items, without mentions", () => {
    const previous = opened("2027-03-01", withPeople("2027-03-01", "@alice"), new Date("2027-02-20T00:00:00Z"), (body) =>
      body.replace("## Action items\n\n- [ ]", "## Action items\n\n- [x] Publish the draft\n- [ ] Review SEP-1234 @carol\n- [ ] Ask the SDK WG\n- [ ]"));
    const cancelled: NotesIssue = { ...previous, number: 4, url: "https://github.com/mcp/community/issues/4", meeting: "auth-ig/2027-03-08", state: "closed", stateReason: "NOT_PLANNED" };
    const plan = decideMeetings(input([file("2027-03-15", withPeople("2027-03-15", "@alice"))], [previous, cancelled]), config, NOW);
    const create = plan.find((a) => a.kind === "issue.create");
    if (create?.kind !== "issue.create") throw new Error("no create");
    expect(create.body).toContain("Previous meeting: [2027-03-01](https://github.com/mcp/community/issues/3)");
    expect(readOpenActionItems(create.body)).toEqual([
      "Review SEP-1234 @\u200dcarol (carried over from 2027-03-01)",
      "Ask the SDK WG (carried over from 2027-03-01)",
    ]);
    expect(create.body).not.toContain("Publish the draft");
  });

  test("one reminder to the facilitator when Notes is still empty 48 hours after the meeting, from the sweep only", () => {
    const issue = opened("2027-03-01", withPeople("2027-03-01", "@alice"), new Date("2027-02-20T00:00:00Z"));
    const start = Date.parse("2027-03-01T17:00:00Z"); // 09:00 in Los Angeles, winter time
    const sweep = (notes: NotesIssue, hours: number) => decideMeetings(input([], [notes], { remind: true, reported: true }), config, new Date(start + hours * HOUR));
    expect(sweep(issue, 47)).toEqual([]);
    const plan = sweep(issue, 49);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: "comment.create", target: { issue: 3, nodeId: "I_3" } });
    expect(plan[0]!.kind === "comment.create" && plan[0]!.body).toContain("@alice, the meeting of 2027-03-01 took place 49 hours ago");
    // Once: the sweep read the reminder back with the notes.
    expect(sweep({ ...issue, reminded: true }, 72)).toEqual([]);
    // Notes written, closed notes, no handle, a push (not the sweep), long past: none.
    expect(sweep({ ...issue, body: issue.body.replace("## Notes\n", "## Notes\n\nWe met.\n") }, 49)).toEqual([]);
    expect(sweep({ ...issue, state: "closed", stateReason: "COMPLETED" }, 49)).toEqual([]);
    expect(sweep(opened("2027-03-01", withPeople("2027-03-01", "Alice Example"), new Date("2027-02-20T00:00:00Z")), 49)).toEqual([]);
    expect(decideMeetings(input([], [issue]), config, new Date(start + 49 * HOUR))).toEqual([]);
    expect(sweep(issue, 48 + 15 * 24)).toEqual([]);
  });
});
