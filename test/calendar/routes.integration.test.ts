import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import ical from "node-ical";
import { clearInstallationCache } from "../../src/features/calendar/routes.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { describeRequest } from "../support/delivery-requests.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { BOT, listNotesIssues, REPO, startMeetingsWorld, type MeetingsWorldOptions } from "../support/meetings-world.js";
import type { StandInApp } from "../support/stand-in-app.js";

/** Before the meetings below, so pushing their agendas opens their notes issues whatever today's date. */
const NOW = new Date("2030-01-15T12:00:00Z");

let world: StandInApp | undefined;

/** The app in process serves its routes beside the webhook path (Probot's middleware mounts both). */
async function startCalendar(options: Partial<MeetingsWorldOptions> = {}): Promise<StandInApp> {
  world = await startMeetingsWorld({ clock: () => NOW, env: { CALENDAR_REPOS: REPO }, ...options });
  return world;
}

beforeEach(() => {
  clearRegistryCache();
  clearInstallationCache();
});

afterEach(async () => world?.stop());

const feed = (w: StandInApp, path: string, headers: Record<string, string> = {}) => fetch(new URL(path, w.webhookUrl), { headers });
const push = async (w: StandInApp, files: Record<string, string | null>) => {
  w.standIn.control.as("alice", REPO).push(files, "Agendas");
  await w.settle();
};
/** The feed's reads of the repository: its one GraphQL query per load. */
const calendarReads = (w: StandInApp) => w.standIn.requests.filter((r) => r.operation === "CalendarMeetings").length;

describe("GET /convener/calendar.ics", () => {
  test("serves the meetings of CALENDAR_REPOS, with the notes issue as URL, and answers If-None-Match with 304", async () => {
    const w = await startCalendar();
    await push(w, { "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11"), "meetings/security-ig/2030-11-04.md": agendaText("2030-11-04", { topic: "security" }) });
    const first = await feed(w, "/convener/calendar.ics");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const etag = first.headers.get("etag")!;
    const events = Object.values(ical.sync.parseICS(await first.text())).filter((c): c is ical.VEvent => c?.type === "VEVENT");
    expect(events.map((e) => [e.start.toISOString(), e.categories, e.summary])).toEqual([
      ["2030-03-11T16:00:00.000Z", ["authorization", "auth-ig"], "Auth IG weekly"],
      ["2030-11-04T17:00:00.000Z", ["security", "security-ig"], "Auth IG weekly"],
    ]);
    expect(listNotesIssues(w).map((i) => [i.number, i.user])).toEqual([[1, BOT], [2, BOT]]);
    const url: unknown = events[0]!.url;
    expect(typeof url === "string" ? url : (url as { val: string }).val).toBe(`${w.standIn.urls.web}/${REPO}/issues/1`);

    const reads = calendarReads(w);
    const again = await feed(w, "/convener/calendar.ics", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(calendarReads(w)).toBe(reads); // served from the cache
  });

  test("a group's feed lists only that group; an unknown tag, or tag shape, is 404", async () => {
    const w = await startCalendar();
    await push(w, { "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11"), "meetings/security-ig/2030-11-04.md": agendaText("2030-11-04") });
    const text = await (await feed(w, "/convener/calendar/security-ig.ics")).text();
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain("CATEGORIES:authorization,security-ig");
    expect((await feed(w, "/convener/calendar/Bad%20Tag.ics")).status).toBe(404);
    expect((await feed(w, "/convener/calendar/%E0%A4%A.ics")).status).toBe(404); // a malformed escape
    // A well-formed tag no group has (a mistyped subscription) is 404 too, not an empty calendar.
    const unknown = await feed(w, "/convener/calendar/auth-igg.ics");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("unknown group tag\n");
  });

  test("a push that touches no agenda, config or charter keeps the cache", async () => {
    const w = await startCalendar();
    await push(w, { "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11") });
    await feed(w, "/convener/calendar.ics");
    const reads = calendarReads(w);
    await push(w, { "README.md": "# Hello again\n" });
    await feed(w, "/convener/calendar.ics");
    expect(calendarReads(w)).toBe(reads);
  });

  test("a push to the agenda refreshes the cache: new content, new ETag; cancelled → STATUS:CANCELLED", async () => {
    const w = await startCalendar();
    await push(w, { "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11") });
    const first = await feed(w, "/convener/calendar.ics");
    const etag = first.headers.get("etag")!;
    await push(w, { "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11", { cancelled: true }) });
    const second = await feed(w, "/convener/calendar.ics", { "if-none-match": etag });
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).not.toBe(etag);
    expect(await second.text()).toContain("STATUS:CANCELLED");
  });

  test("reading a repository for the feed costs a handful of requests, once per change; a failed read serves the last good feed", async () => {
    const w = await startCalendar({ files: { "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11") } });
    const from = w.standIn.requests.length;
    await feed(w, "/convener/calendar.ics");
    await feed(w, "/convener/calendar.ics");
    expect(w.standIn.requestsSince(from).map(describeRequest)).toEqual([
      "GET /app/installations", // once per owner, then remembered
      "GET /contents/.github%2Fconvener.yml",
      "POST RegistryCharters",
      "POST CalendarMeetings", // agenda files + notes issues
    ]);

    const good = await (await feed(w, "/convener/calendar.ics")).text();
    await push(w, { "meetings/auth-ig/2030-03-18.md": agendaText("2030-03-18") });
    // GitHub fails every GraphQL request while the feed is read again.
    w.standIn.faults.failNext({ method: "POST", path: "/graphql" }, 10);
    const during = await feed(w, "/convener/calendar.ics");
    expect(during.status).toBe(200);
    expect(await during.text()).toBe(good);
    expect(w.standIn.faults.rules[0]!.hits).toBeGreaterThan(0); // the feed did try to read
  });
});
