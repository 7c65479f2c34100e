import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ical from "node-ical";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { agendaText } from "../support/meetings-fixtures.js";

/**
 * `meetings.notes: discussion` with the real server (`npm run build` first) against the stand-in:
 * the notes of a meeting live in a GitHub Discussion of the configured category, written through
 * GitHub's discussion mutations; people's text outside the app's block is kept; the calendar links
 * the discussion; a cancellation closes it as outdated, once.
 */
const REPO = "modelcontextprotocol/modelcontextprotocol";
const OTHER = "modelcontextprotocol/no-category";
const CHARTER = readFileSync(join(process.cwd(), "..", "shared", "fixtures", "mcp", "charters", "interest-groups", "auth.mdx"), "utf8");
/** Two years after the server's clock (faketime shifts it in CI): always upcoming. */
const YEAR = new Date().getUTCFullYear() + 2;
const DATE = `${YEAR}-07-06`;
const AGENDA = `meetings/auth-ig/${DATE}.md`;
const CONFIG = "meetings:\n  notes: discussion\n  discussionCategory: Meeting notes\n";

describe("meeting notes in GitHub Discussions (stand-in)", () => {
  let h: Harness;
  const repo = () => h.standIn.control.repoOf(REPO);
  const discussions = () => [...(repo().discussions?.values() ?? [])];

  beforeAll(async () => {
    h = await startHarness({
      env: { CALENDAR_REPOS: REPO },
      seed: (s) => {
        const files = { "README.md": "# MCP\n", ".github/convener.yml": CONFIG, "docs/community/interest-groups/auth.mdx": CHARTER };
        const main = s.control.repo(REPO, files);
        s.state.discussionsOf(main).categories.push({ id: s.state.id(), name: "Meeting notes", slug: "meeting-notes" });
        s.control.repo(OTHER, files);
        s.control.user("alice");
      },
    });
  }, 60_000);
  afterAll(async () => h?.stop());

  test("a pushed agenda opens one discussion; an edit keeps people's notes; the feed links it; a cancellation closes it once", async () => {
    const alice = h.standIn.control.as("alice", REPO);
    alice.push({ [AGENDA]: agendaText(DATE) }, "Add the auth-ig agenda");
    await h.standIn.settle();
    expect(discussions()).toHaveLength(1);
    expect([...repo().issues.values()].filter((i) => i.labels.includes("notes"))).toEqual([]);
    const discussion = discussions()[0]!;
    const category = repo().discussionCategories!.find((c) => c.id === discussion.category)!;
    expect(category.name).toBe("Meeting notes");
    expect(discussion.title).toBe(`[notes] Authorization meeting — ${DATE}`);
    expect(discussion.user).toBe("convener[bot]");
    expect(discussion.body).toContain(`| **UTC** | ${DATE} 16:00 UTC |`);
    expect(discussion.body).toContain(`<!-- convener:meeting:auth-ig/${DATE} -->`);

    // People write their notes in the discussion, outside the app's block.
    discussion.body = discussion.body.replace("## Notes\n", "## Notes\n\nWe agreed on the draft.\n");
    alice.push({ [AGENDA]: agendaText(DATE, { body: "- A single new item" }) }, "Update the agenda");
    await h.standIn.settle();
    expect(discussions()).toHaveLength(1);
    expect(discussion.body).toContain("- A single new item");
    expect(discussion.body).toContain("We agreed on the draft.");

    // A redelivered push finds the discussion by its marker and changes nothing.
    const push = h.standIn.webhooks.deliveries.filter((d) => d.event === "push").at(-1)!;
    const from = h.standIn.requests.length;
    expect((await h.standIn.webhooks.redeliver(push.id)).status).toBe(200);
    await h.standIn.settle();
    expect(h.standIn.requestsSince(from).filter((r) => r.write)).toEqual([]);

    const feed = await fetch(`http://127.0.0.1:${h.app.port}/convener/calendar/auth-ig.ics`);
    expect(feed.status).toBe(200);
    const events = Object.values(ical.sync.parseICS(await feed.text())).filter((e) => e?.type === "VEVENT");
    // node-ical keeps the `VALUE=URI` parameter: the address is its `val`.
    expect(events.map((e) => (e as { url?: { val: string } }).url?.val)).toEqual([`${h.standIn.urls.web}/${REPO}/discussions/${discussion.number}`]);

    alice.push({ [AGENDA]: agendaText(DATE, { cancelled: true }) }, "Cancel");
    await h.standIn.settle();
    expect(discussion.closed).toBe(true);
    expect(discussion.state_reason).toBe("OUTDATED");
    expect(discussion.comments.filter((c) => c.user === "convener[bot]")).toHaveLength(1);
    expect(discussion.body).toContain("We agreed on the draft.");
  }, 90_000);

  test("a category the repository lacks opens nothing and says so once on the commit", async () => {
    const sha = h.standIn.control.as("alice", OTHER).push({ [AGENDA]: agendaText(DATE) }, "Agenda");
    await h.standIn.settle();
    const other = h.standIn.control.repoOf(OTHER);
    expect([...(other.discussions?.values() ?? [])]).toEqual([]);
    expect(other.commitComments).toEqual([]);
    const runs = other.checkRuns.filter((r) => r.head_sha === sha && r.name === "Meeting agenda");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.output.summary).toContain("`meetings.discussionCategory` is `Meeting notes`, but the repository has no such Discussion category");
  }, 60_000);
});
