import { describe, expect, test } from "@jest/globals";
import { configSchema } from "../../src/features/config-schema.js";
import { decideMeetings } from "../../src/features/meetings/decide.js";
import type { MeetingsPullInput } from "../../src/features/meetings/gather-pull.js";
import { agendaText, type AgendaFields } from "../support/meetings-fixtures.js";

const config = configSchema.parse({});
const NOW = new Date("2027-03-01T12:00:00Z");

function file(date: string, fields: AgendaFields = {}, tag = "auth-ig") {
  const content = agendaText(date, fields);
  return { path: `meetings/${tag}/${date}.md`, tag, date, content, bytes: Buffer.byteLength(content), binary: false };
}

function pull(files: ReturnType<typeof file>[], extra: Partial<MeetingsPullInput> = {}): MeetingsPullInput {
  return { kind: "pull", repo: { owner: "mcp", repo: "community" }, headSha: "f".repeat(40), latestRun: null, trigger: { externalId: "d1", rerequested: false }, files, misplaced: [], groups: [{ tag: "auth-ig", name: "Authorization" }], ...extra };
}

describe("Meeting agenda check run", () => {
  test("problems become failure annotations at their lines", () => {
    const plan = decideMeetings(pull([file("2027-03-15", { time: "25:00" }), file("2027-03-22", { timezone: "PST" })]), config, NOW);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: "check.create", name: "Meeting agenda", externalId: "d1", completedAt: NOW.toISOString(), conclusion: "failure", title: "2 problems in agenda files" });
    const annotations = (plan[0] as { annotations: { path: string; start_line: number; annotation_level: string; message: string }[] }).annotations;
    expect(annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ["meetings/auth-ig/2027-03-15.md", 4, "failure"],
      ["meetings/auth-ig/2027-03-22.md", 5, "failure"],
    ]);
  });

  test("valid agendas pass with their UTC time as a notice; a late one is a warning", () => {
    const plan = decideMeetings(pull([file("2027-03-15"), file("2027-03-03")]), config, NOW);
    expect(plan[0]).toMatchObject({ kind: "check.create", conclusion: "success", title: "2 valid agenda files" });
    const annotations = (plan[0] as { annotations: { annotation_level: string; message: string }[] }).annotations;
    expect(annotations).toEqual([
      expect.objectContaining({ annotation_level: "notice", message: "Monday, March 15, 2027, 09:00 America/Los_Angeles (UTC-07:00) = 2027-03-15 16:00 UTC" }),
      expect.objectContaining({ annotation_level: "warning", message: expect.stringContaining("less than 7 days away") }),
    ]);
  });

  test("a misplaced agenda file is a failure", () => {
    const plan = decideMeetings(pull([], { misplaced: [{ path: "meetings/auth-ig/march.md", message: "the file name must be the meeting date" }] }), config, NOW);
    expect(plan[0]).toMatchObject({ conclusion: "failure", annotations: [expect.objectContaining({ path: "meetings/auth-ig/march.md", start_line: 1 })] });
  });
});
