import { describe, expect, test } from "@jest/globals";
import { configSchema } from "../../src/features/config-schema.js";
import { decideMeetings } from "../../src/features/meetings/decide.js";
import type { MeetingsPushInput, PushedAgenda } from "../../src/features/meetings/gather.js";
import { readBlockSequence, type NotesIssue } from "../../src/features/meetings/notes-issue.js";
import { parseAgenda } from "../../src/features/meetings/parse-agenda.js";
import { buildFeed } from "../../src/features/calendar/build-feed.js";
import { agendaText, type AgendaFields } from "../support/meetings-fixtures.js";

/** SEQUENCE grows when a meeting changes: counted in the notes' block, served in the feed. */
const config = configSchema.parse({});
const repo = { owner: "mcp", repo: "community" };
const SHA = "c0ffee".padEnd(40, "0");
const NOW = new Date("2027-03-01T12:00:00Z");
const DATE = "2027-03-15";

function file(fields: AgendaFields = {}): PushedAgenda {
  const content = agendaText(DATE, fields);
  return { path: `meetings/auth-ig/${DATE}.md`, tag: "auth-ig", date: DATE, content, bytes: Buffer.byteLength(content), binary: false };
}

function decide(f: PushedAgenda, issues: NotesIssue[] = [], sha = SHA) {
  const input: MeetingsPushInput = {
    kind: "push", repo, htmlUrl: "https://github.com/mcp/community", sha, headSha: sha, files: [f], misplaced: [],
    groups: [{ tag: "auth-ig", name: "Authorization" }], issues, reported: false,
  };
  return decideMeetings(input, config, NOW);
}

describe("SEQUENCE", () => {
  test("0 when opened, one more per change of the meeting, unchanged by a push of other files", () => {
    const create = decide(file())[0]!;
    if (create.kind !== "issue.create") throw new Error("no create");
    let issue: NotesIssue = { number: 3, title: create.title, body: create.body, state: "open", stateReason: null, url: "u", labels: create.labels, meeting: `auth-ig/${DATE}` };
    expect(readBlockSequence(issue.body)).toBe(0);
    for (const [i, time] of (["10:00", "11:00"] as const).entries()) {
      const update = decide(file({ time }), [issue]).find((a) => a.kind === "issue.update");
      if (update?.kind !== "issue.update" || !update.body) throw new Error("no update");
      issue = { ...issue, body: update.body };
      expect(readBlockSequence(issue.body)).toBe(i + 1);
    }
    expect(decide(file({ time: "11:00" }), [issue], "beef".padEnd(40, "0"))).toEqual([]);
  });

  test("the feed serves the recorded count", () => {
    const parsed = parseAgenda(`meetings/auth-ig/${DATE}.md`, "auth-ig", DATE, agendaText(DATE), 65_536);
    if (!parsed.ok) throw new Error("invalid");
    const feed = buildFeed([{ repo: "mcp/community", groupName: "Authorization", agenda: parsed.agenda, sequence: 2 }], { name: "x", stamp: new Date(0) });
    expect(feed).toContain("SEQUENCE:2");
  });
});
