import { describe, expect, test } from "@jest/globals";
import { listOccurrences, parseSeries, renderOccurrenceAgenda } from "../../src/features/meetings/series.js";
import { parseAgenda } from "../../src/features/meetings/parse-agenda.js";

const PATH = "meetings/auth-ig/series.yml";
const BASE = ["title: Auth IG", 'start: "2031-03-04"', "rule: FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", 'time: "09:00"', "timezone: Europe/Berlin", "duration: 60", "topic: authorization"];

describe("series files", () => {
  test("a valid series lists its dates on the wall-clock calendar, through a DST change", () => {
    const parsed = parseSeries(PATH, "auth-ig", [...BASE, 'cancelled: ["2031-04-01"]', ""].join("\n"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.series.rule).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
    // Berlin moves to summer time on 2031-03-30: the dates stay every other Tuesday.
    expect(listOccurrences(parsed.series, "2031-03-01", "2031-04-30")).toEqual(["2031-03-04", "2031-03-18", "2031-04-01", "2031-04-15", "2031-04-29"]);
    const agenda = parseAgenda(PATH, "auth-ig", "2031-04-01", renderOccurrenceAgenda(parsed.series, "2031-04-01"), 65_536);
    expect(agenda.ok && agenda.agenda.cancelled).toBe(true);
    const summer = parseAgenda(PATH, "auth-ig", "2031-04-15", renderOccurrenceAgenda(parsed.series, "2031-04-15"), 65_536);
    expect(summer.ok && summer.agenda.when.startUtc).toBe("2031-04-15T07:00:00Z");
  });

  test.each([
    ["rule: DTSTART:20310304T090000Z", "`rule` is the RRULE value only"],
    ["rule: FREQ=HOURLY", "`rule` must repeat daily, weekly, monthly or yearly"],
    ["rule: FREQ=WEEKLY;BYHOUR=9", "must not set BYHOUR"],
    ["rule: BYDAY=TU", "`rule` needs a `FREQ`"],
    ["rule: FREQ=SOMETIMES", "`rule` is not an iCalendar RRULE"],
  ])("%s is refused", (line, message) => {
    const parsed = parseSeries(PATH, "auth-ig", [...BASE.filter((l) => !l.startsWith("rule:")), line].join("\n"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.message).join("\n")).toContain(message);
  });

  test("unknown fields and a missing field are named with their line", () => {
    const parsed = parseSeries(PATH, "auth-ig", [...BASE.filter((l) => !l.startsWith("topic:")), "colour: blue"].join("\n"));
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: PATH, line: 1, message: "`topic` is missing; it is required" },
      { path: PATH, line: 7, message: expect.stringContaining("unknown field(s) `colour`") },
    ]);
  });
});
