import { describe, expect, test } from "@jest/globals";
import ical from "node-ical";
import { DateTime } from "luxon";
import { buildFeed, meetingUid, type FeedMeeting } from "../../src/features/calendar/build-feed.js";
import { findTransitions, renderVTimezone } from "../../src/features/calendar/vtimezone.js";
import { parseAgenda } from "../../src/features/meetings/parse-agenda.js";
import { agendaText, type AgendaFields } from "../support/meetings-fixtures.js";

function meeting(date: string, fields: AgendaFields = {}, tag = "auth-ig", issueUrl?: string): FeedMeeting {
  const path = `meetings/${tag}/${date}.md`;
  const parsed = parseAgenda(path, tag, date, agendaText(date, fields), 65_536);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return { repo: "mcp/community", groupName: "Authorization", agenda: parsed.agenda, ...(issueUrl ? { issueUrl } : {}) };
}

const STAMP = new Date("2027-01-01T00:00:00Z");

describe("calendar feed", () => {
  const meetings = [
    meeting("2027-03-15", {}, "auth-ig", "https://github.com/mcp/community/issues/7"), // after US DST start (2027-03-14)
    meeting("2027-11-08", { topic: "security" }), // after US DST end (2027-11-07)
    meeting("2027-03-29", { timezone: "Europe/Berlin", title: "Agents WG sync", topic: "agents" }, "agents-wg"), // after EU DST start
    meeting("2027-11-01", { timezone: "Europe/Berlin", cancelled: true, topic: "agents" }, "agents-wg"), // after EU DST end
  ];
  const text = buildFeed(meetings, { name: "Community meetings", stamp: STAMP });
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === "VEVENT");

  test("parsed back by node-ical, every event matches its agenda file", () => {
    expect(events).toHaveLength(4);
    for (const m of meetings) {
      const event = events.find((e) => e.uid === meetingUid(m.repo, m.agenda));
      expect(event).toBeDefined();
      expect(event!.start.toISOString()).toBe(new Date(m.agenda.when.startUtc).toISOString());
      expect(event!.end!.toISOString()).toBe(new Date(m.agenda.when.endUtc).toISOString());
      expect(event!.summary).toBe(m.agenda.title);
      expect(event!.categories).toEqual([m.agenda.topic, m.agenda.tag]);
      expect(String(event!.description)).toContain(m.agenda.body);
      expect(event!.status).toBe(m.agenda.cancelled ? "CANCELLED" : "CONFIRMED");
    }
  });

  test.each([
    ["auth-ig-2027-03-15", "2027-03-15T16:00:00.000Z"],
    ["auth-ig-2027-11-08", "2027-11-08T17:00:00.000Z"],
    ["agents-wg-2027-03-29", "2027-03-29T07:00:00.000Z"],
    ["agents-wg-2027-11-01", "2027-11-01T08:00:00.000Z"],
  ])("%s starts at %s (09:00 local, DST-correct)", (uid, utc) => {
    expect(events.find((e) => e.uid.startsWith(uid))!.start.toISOString()).toBe(utc);
  });

  test("DTSTART/DTEND are in the meeting's IANA zone, with a VTIMEZONE for each zone", () => {
    expect(text).toContain("DTSTART;TZID=America/Los_Angeles:20270315T090000");
    expect(text).toContain("DTEND;TZID=America/Los_Angeles:20270315T100000");
    expect(text).toContain("DTSTART;TZID=Europe/Berlin:20271101T090000");
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
    expect(text).toContain("TZID:America/Los_Angeles");
    expect(text).toContain("TZID:Europe/Berlin");
  });

  test("URL is the notes issue; cancelled meetings are STATUS:CANCELLED", () => {
    const url: unknown = events.find((e) => e.uid.startsWith("auth-ig-2027-03-15"))!.url;
    // node-ical keeps the `VALUE=URI` parameter next to the value.
    expect(typeof url === "string" ? url : (url as { val: string }).val).toBe("https://github.com/mcp/community/issues/7");
    expect(text).toContain("STATUS:CANCELLED");
  });

  test("the same meetings give the same bytes (stable UIDs, stamps and order)", () => {
    expect(buildFeed([...meetings].reverse(), { name: "Community meetings", stamp: STAMP })).toBe(text);
  });
});

describe("VTIMEZONE from luxon", () => {
  test("America/Los_Angeles 2027 changes at 2027-03-14 10:00Z and 2027-11-07 09:00Z", () => {
    const start = Date.UTC(2027, 0, 1);
    const end = Date.UTC(2028, 0, 1);
    expect(findTransitions("America/Los_Angeles", start, end).map((t) => new Date(t).toISOString())).toEqual([
      "2027-03-14T10:00:00.000Z",
      "2027-11-07T09:00:00.000Z",
    ]);
    const vtz = renderVTimezone("America/Los_Angeles", 2027, 2027);
    expect(vtz).toContain("BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700");
    expect(vtz).toContain("BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800");
  });

  test("a zone without DST gets one observance", () => {
    const vtz = renderVTimezone("Asia/Tokyo", 2027, 2027);
    expect(vtz.match(/BEGIN:STANDARD/g)).toHaveLength(1);
    expect(vtz).toContain("TZOFFSETTO:+0900");
  });

  test("luxon agrees with the transition instants", () => {
    const before = DateTime.fromISO("2027-03-14T09:59:00Z").setZone("America/Los_Angeles");
    expect(before.offset).toBe(-480);
  });
});
