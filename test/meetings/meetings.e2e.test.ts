import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { agendaText } from "../support/meetings-fixtures.js";

/**
 * The real server (`probot run ./lib/index.js`; run `npm run build` first) against the GitHub
 * stand-in: a person pushes agenda files to the default branch, the app keeps the notes issues.
 */
const REPO = "modelcontextprotocol/modelcontextprotocol";
const CHARTER = readFileSync(join(process.cwd(), "..", "shared", "fixtures", "mcp", "charters", "interest-groups", "auth.mdx"), "utf8");
/**
 * The server runs on the process clock (shifted by faketime in CI): the meetings are dated two years
 * after it, so they are always upcoming. July: Los Angeles is on daylight time, 09:00 is 16:00 UTC.
 */
const YEAR = new Date().getUTCFullYear() + 2;
const DATE = `${YEAR}-07-06`;
const AGENDA = `meetings/auth-ig/${DATE}.md`;

describe("meetings end to end (stand-in)", () => {
  let h: Harness;
  const repo = () => h.standIn.control.repoOf(REPO);
  const notesIssues = () => [...repo().issues.values()].filter((i) => i.labels.includes("notes"));

  beforeAll(async () => {
    h = await startHarness({
      env: { CALENDAR_REPOS: REPO },
      seed: (s) => {
        s.control.repo(REPO, {
          "README.md": "# MCP\n",
          ".github/convener.yml": "meetings:\n  noticeDays: 7\n",
          "docs/community/interest-groups/auth.mdx": CHARTER,
        });
        s.control.user("alice");
      },
    });
  }, 60_000);
  afterAll(async () => h?.stop());

  test("a pushed agenda opens one notes issue; an edit keeps people's notes; a cancellation closes it once", async () => {
    const alice = h.standIn.control.as("alice", REPO);
    let from = h.standIn.requests.length;
    alice.push({ [AGENDA]: agendaText(DATE) }, "Add the auth-ig agenda");
    await h.standIn.settle();
    expect(notesIssues()).toHaveLength(1);
    const issue = notesIssues()[0]!;
    expect(issue.title).toBe(`[notes] Authorization meeting — ${DATE}`);
    expect(issue.labels).toEqual(["notes", "auth-ig"]);
    expect(issue.user).toBe("convener[bot]");
    expect(issue.body).toContain(`| **UTC** | ${DATE} 16:00 UTC |`);
    const pushCost = h.standIn.requestsSince(from).filter((r) => !r.path.includes("access_tokens"));
    // config, registry and agenda + notes issues (sent together, either order), the marker re-check,
    // the new issue, the de-dupe after it
    const log = pushCost.map((r) => `${r.method} ${r.operation ?? r.path.replace(/\/repos\/[^/]+\/[^/]+/, "")}`);
    expect([...log.slice(0, 1), ...log.slice(1, 3).sort(), ...log.slice(3)]).toEqual([
      "GET /contents/.github%2Fconvener.yml", "POST MeetingFiles", "POST RegistryCharters", "POST /issues", "GET /issues",
    ]);

    alice.editIssue(issue.number, { body: issue.body!.replace("## Notes\n", "## Notes\n\nWe agreed on the draft.\n") });
    alice.push({ [AGENDA]: agendaText(DATE, { body: "- A single new item" }) }, "Update the agenda");
    await h.standIn.settle();
    expect(notesIssues()).toHaveLength(1);
    expect(issue.body).toContain("- A single new item");
    expect(issue.body).toContain("We agreed on the draft.");

    from = h.standIn.requests.length;
    alice.push({ [AGENDA]: agendaText(DATE, { cancelled: true }) }, "Cancel");
    await h.standIn.settle();
    expect(issue.state).toBe("closed");
    expect(issue.state_reason).toBe("not_planned");
    expect(issue.comments.filter((c) => c.user === "convener[bot]")).toHaveLength(1);
  }, 60_000);

  test("older pushes redelivered after newer ones change nothing: no write, no issue for a meeting that moved", async () => {
    const alice = h.standIn.control.as("alice", REPO);
    const first = "meetings/auth-ig/2030-05-06.md";
    const moved = "meetings/auth-ig/2030-05-13.md";
    const shas = [
      alice.push({ [first]: agendaText("2030-05-06") }, "May agenda"),
      alice.push({ [first]: agendaText("2030-05-06", { time: "10:30", body: "- Only the new item" }) }, "New time"),
      alice.push({ [first]: null, [moved]: agendaText("2030-05-13", { time: "10:30", body: "- Only the new item" }) }, "Move a week later"),
      alice.push({ "meetings/auth-ig/2030-05-20.md": agendaText("2030-05-20") }, "Next meeting"),
    ];
    await h.standIn.settle();
    const issue = notesIssues().find((i) => i.title.endsWith("2030-05-13"))!;
    expect(issue.body).toContain("| **UTC** | 2030-05-13 17:30 UTC |");
    expect(notesIssues().filter((i) => i.title.endsWith("2030-05-06"))).toHaveLength(0);
    const body = issue.body;
    const count = notesIssues().length;

    const pushes = h.standIn.webhooks.deliveries.filter((d) => d.event === "push");
    const from = h.standIn.requests.length;
    for (const sha of shas.slice(0, 3)) {
      const delivery = pushes.find((d) => JSON.parse(d.body).after === sha)!;
      expect((await h.standIn.webhooks.redeliver(delivery.id)).status).toBe(200);
    }
    await h.standIn.settle();
    expect(h.standIn.requestsSince(from).filter((r) => r.write)).toEqual([]);
    expect(issue.body).toBe(body);
    expect(notesIssues()).toHaveLength(count);
  }, 60_000);

  test("the calendar feed serves the pushed meetings, with ETag and 304", async () => {
    h.standIn.control.as("alice", REPO).push({ [`meetings/auth-ig/${YEAR}-11-04.md`]: agendaText(`${YEAR}-11-04`) }, "November meeting");
    await h.standIn.settle();
    const url = `http://127.0.0.1:${h.app.port}/convener/calendar/auth-ig.ics`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const text = await first.text();
    expect(text).toContain(`DTSTART;TZID=America/Los_Angeles:${YEAR}1104T090000`);
    expect(text).toContain("CATEGORIES:authorization,auth-ig");
    expect(text).toContain("BEGIN:VTIMEZONE");
    const again = await fetch(url, { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
  }, 60_000);

  test("a malformed agenda gets one failing check run on the commit and no issue", async () => {
    const before = notesIssues().length;
    const sha = h.standIn.control.as("alice", REPO).push({ [`meetings/auth-ig/${YEAR}-04-01.md`]: agendaText(`${YEAR}-04-01`, { timezone: "PST" }) }, "Bad zone");
    await h.standIn.settle();
    expect(notesIssues()).toHaveLength(before);
    expect(repo().commitComments.filter((c) => c.commit_id === sha)).toEqual([]);
    const runs = repo().checkRuns.filter((r) => r.head_sha === sha && r.name === "Meeting agenda");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ conclusion: "failure" });
    expect(runs[0]!.output.summary).toContain("line 5: `timezone` must be an IANA zone name");
  }, 60_000);
});
