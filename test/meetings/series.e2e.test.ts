import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import ical from "node-ical";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { agendaText } from "../support/meetings-fixtures.js";

/**
 * A group's recurring meeting (`meetings/<tag>/series.yml`) with the real server (`npm run build`
 * first) against the stand-in: the feed carries one event with its RRULE, parsed back with node-ical
 * across a daylight-saving change; a cancelled date and a date with its own agenda file are EXDATEs;
 * the sweep opens an occurrence's notes `openAhead` days ahead, once. Dates are computed from the
 * clock (faketime shifts it in CI), never written out.
 */
const REPO = "modelcontextprotocol/modelcontextprotocol";
const SWEEP_TOKEN = "series-sweep-token";
const CHARTER = readFileSync(join(process.cwd(), "..", "shared", "fixtures", "mcp", "charters", "interest-groups", "auth.mdx"), "utf8");
const DAY = 86_400_000;
const ZONE = "America/Los_Angeles";

/** The first Tuesday at least ten days after the clock: outside a 7-day `openAhead` at first. */
const START = (() => {
  let d = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 10 });
  while (d.weekday !== 2) d = d.plus({ days: 1 });
  return d;
})();
const dateOf = (weeks: number) => START.plus({ weeks }).toISODate()!;
const CANCELLED = dateOf(2);
const OVERRIDDEN = dateOf(3);
/** Sixty weekly meetings span more than a year: at least two daylight-saving changes. */
const SERIES = [
  "title: Auth IG weekly",
  `start: "${dateOf(0)}"`,
  "rule: FREQ=WEEKLY;BYDAY=TU;COUNT=60",
  'time: "09:00"',
  `timezone: ${ZONE}`,
  "duration: 60",
  "topic: authorization",
  'facilitator: "@alice"',
  `cancelled: ["${CANCELLED}"]`,
  "agenda: |",
  "  - Open floor",
  "",
].join("\n");

describe("a recurring meeting (series.yml) end to end", () => {
  let h: Harness;
  const notes = () => [...h.standIn.control.repoOf(REPO).issues.values()].filter((i) => i.labels.includes("notes"));
  const sweep = async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } });
    expect(res.status).toBe(200);
    await h.standIn.settle();
    if (process.env.E2E_DEBUG) console.log(JSON.stringify(await res.json(), null, 2), h.app.output().slice(-3000));
  };

  beforeAll(async () => {
    h = await startHarness({
      timeTravel: true,
      env: { CALENDAR_REPOS: REPO, SWEEP_TOKEN },
      seed: (s) => {
        s.control.repo(REPO, {
          "README.md": "# MCP\n",
          ".github/convener.yml": "meetings:\n  noticeDays: 7\n  openAhead: 7\n",
          "docs/community/interest-groups/auth.mdx": CHARTER,
        });
        s.control.user("alice");
      },
    });
    h.standIn.control.as("alice", REPO).push({
      "meetings/auth-ig/series.yml": SERIES,
      [`meetings/auth-ig/${OVERRIDDEN}.md`]: agendaText(OVERRIDDEN, { time: "11:00", body: "- Special session" }),
    }, "Weekly auth-ig meetings");
    await h.standIn.settle();
  }, 60_000);
  afterAll(async () => h?.stop());

  test("the feed: one RRULE event, right local time across a DST change, EXDATEs for the cancelled and the overridden date", async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.port}/convener/calendar/auth-ig.ics`);
    expect(res.status).toBe(200);
    const events = Object.values(ical.sync.parseICS(await res.text())).filter((e) => e?.type === "VEVENT") as ical.VEvent[];
    const series = events.find((e) => e.uid.includes("-series@"))!;
    expect(series.rrule).toBeDefined();
    const starts = series.rrule!.all().map((d) => DateTime.fromJSDate(d));
    expect(starts).toHaveLength(60);
    // Every occurrence is 09:00 in Los Angeles on a Tuesday; in UTC that is 16:00 or 17:00 depending on DST.
    expect(new Set(starts.map((d) => d.setZone(ZONE).toFormat("ccc HH:mm")))).toEqual(new Set(["Tue 09:00"]));
    expect(new Set(starts.map((d) => d.toUTC().toFormat("HH:mm")))).toEqual(new Set(["16:00", "17:00"]));
    expect(starts[0]!.setZone(ZONE).toISODate()).toBe(dateOf(0));
    expect(Object.keys(series.exdate ?? {}).filter((k) => k.length === 10).sort()).toEqual([CANCELLED, OVERRIDDEN]);
    // The overriding agenda file is its own event, at its own time.
    const special = events.find((e) => e.uid.startsWith(`auth-ig-${OVERRIDDEN}@`))!;
    expect(DateTime.fromJSDate(special.start).setZone(ZONE).toFormat("HH:mm")).toBe("11:00");
  }, 60_000);

  test("the sweep opens an occurrence's notes 7 days ahead, once, without a late warning", async () => {
    const before = notes().length; // the overriding agenda file's own notes issue
    await sweep();
    expect(notes()).toHaveLength(before);
    // Until four days before the first occurrence: within seven days.
    await h.advanceClock(START.toMillis() - Date.now() - 4 * DAY);
    await sweep();
    const opened = notes().filter((i) => i.title.endsWith(dateOf(0)));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.body).toContain("- Open floor");
    expect(opened[0]!.body).toContain("meetings/auth-ig/series.yml");
    expect(opened[0]!.comments).toEqual([]);
    expect(notes().filter((i) => i.title.endsWith(dateOf(1)))).toHaveLength(0);
    await sweep();
    expect(notes().filter((i) => i.title.endsWith(dateOf(0)))).toHaveLength(1);
    // The facilitator's @handle is assigned.
    expect(opened[0]!.assignees).toEqual(["alice"]);
  }, 90_000);

  test("49 hours after the meeting with empty notes, the sweep reminds the facilitator once", async () => {
    const issue = notes().find((i) => i.title.endsWith(dateOf(0)))!;
    const start = START.set({ hour: 9 }).toMillis();
    await h.advanceClock(start + 49 * 3_600_000 - Date.now() - h.standIn.state.clockOffsetMs);
    await sweep();
    await sweep();
    const reminders = issue.comments.filter((c) => c.user === "convener[bot]" && c.body.includes("convener:meeting-notes-reminder"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain(`@alice, the meeting of ${dateOf(0)} took place 49 hours ago`);
  }, 90_000);

  test("an invalid series file pushed gets one check run on the commit naming the line", async () => {
    const sha = h.standIn.control.as("alice", REPO).push({ "meetings/auth-ig/series.yml": SERIES.replace("FREQ=WEEKLY;BYDAY=TU;COUNT=60", "FREQ=HOURLY") }, "Hourly?");
    await h.standIn.settle();
    const runs = h.standIn.control.repoOf(REPO).checkRuns.filter((r) => r.head_sha === sha && r.name === "Meeting agenda");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.output.summary).toContain("`meetings/auth-ig/series.yml` line 3: `rule` must repeat daily, weekly, monthly or yearly");
    expect(runs[0]!.annotations).toEqual([expect.objectContaining({ path: "meetings/auth-ig/series.yml", start_line: 3 })]);
  }, 60_000);
});
