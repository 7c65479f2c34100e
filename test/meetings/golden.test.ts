import { describe, expect, test } from "@jest/globals";
import { join } from "node:path";
import { parseAgenda } from "../../src/features/meetings/parse-agenda.js";
import { renderCancelled, renderLate, renderNotesBlock, renderNotesBody, renderProblems } from "../../src/features/meetings/render.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { expectGolden as expectSharedGolden } from "../golden/expect-golden.js";

// The shared harness: a missing golden file fails (UPDATE_GOLDEN=1 writes it), it is never silently written.
const DIR = join(process.cwd(), "test", "meetings", "golden");
const expectGolden = (file: string, text: string) => expectSharedGolden(file.replace(/\.md$/, ""), text, { dir: DIR });

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("meeting message templates", () => {
  test("notes issue body", () => {
    const parsed = parseAgenda("meetings/auth-ig/2027-03-15.md", "auth-ig", "2027-03-15", agendaText("2027-03-15", { extra: "link: https://meet.example.com/auth-ig\nlocation: Online" }), 65_536);
    if (!parsed.ok) throw new Error("fixture agenda is invalid");
    const block = renderNotesBlock(parsed.agenda, { repo: { owner: "mcp", repo: "community" }, htmlUrl: "https://github.com/mcp/community", sha: SHA, groupName: "Authorization Interest Group" });
    expectGolden("notes-issue.md", renderNotesBody(block));
  });

  test("cancelled comment", () => {
    expectGolden("cancelled.md", renderCancelled("auth-ig", "2027-03-15", "the agenda says `cancelled: true`"));
  });

  test("late-notice comment", () => {
    expectGolden("late.md", renderLate("auth-ig", "2027-03-04", "3 days", 7));
  });

  test("agenda problems commit comment", () => {
    expectGolden("problems.md", renderProblems([
      { path: "meetings/auth-ig/2027-03-15.md", line: 5, message: "`timezone` must be an IANA zone name such as `America/Los_Angeles`" },
      { path: "meetings/nope-wg/2027-03-16.md", line: 1, message: "`nope-wg` (the folder name) is not a registered group tag <b>" },
    ]));
  });
});

describe("check run summary", () => {
  test("problems and meetings", async () => {
    const { renderCheckSummary } = await import("../../src/features/meetings/render.js");
    expectGolden("check-summary.md", renderCheckSummary(
      [{ path: "meetings/auth-ig/2027-03-22.md", line: 4, message: "`time` must be a 24-hour time `HH:MM` between 00:00 and 23:59" }],
      [{ path: "meetings/auth-ig/2027-03-15.md", group: "Authorization", local: "Monday, March 15, 2027, 09:00 America/Los_Angeles (UTC-07:00)", utc: "2027-03-15 16:00 UTC", cancelled: false }],
    ));
  });
});
