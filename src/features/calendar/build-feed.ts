import { createHash } from "node:crypto";
import ical, { ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import type { Agenda } from "../meetings/parse-agenda.js";
import type { Series } from "../meetings/series.js";
import { renderVTimezone } from "./vtimezone.js";
import { rewriteRelativeLinks } from "../meetings/relative-links.js";

/** One meeting in the feed: its agenda, where it lives, and its notes issue once opened. */
export interface FeedMeeting {
  /** `owner/repo` holding the agenda file. */
  repo: string;
  groupName: string;
  agenda: Agenda;
  issueUrl?: string;
  /** The agenda file's blob address at the commit read: its relative links resolve against it. */
  fileUrl?: string;
  /** How often the meeting changed since its notes were opened (recorded in the notes' block). */
  sequence?: number;
}

/** A group's recurring meeting: one VEVENT with its RRULE and an EXDATE per date that is not an occurrence. */
export interface FeedSeries {
  repo: string;
  groupName: string;
  series: Series;
  /** The first occurrence's date (the event's DTSTART). */
  first: string;
  /** The last year the feed's time-zone data must cover (the last occurrence, or a few years out). */
  lastYear: number;
  /** Dates left out of the rule: cancelled ones, and those a dated agenda file replaces (its own event). */
  exdates: string[];
}

export interface FeedOptions {
  name: string;
  /** DTSTAMP of every event: when the data last changed, so an unchanged feed keeps its bytes (and ETag). */
  stamp: Date;
}

/** Same meeting, same UID, whatever else changes: calendar apps update the event instead of adding one. */
export function meetingUid(repo: string, agenda: Pick<Agenda, "tag" | "date">): string {
  return `${agenda.tag}-${agenda.date}@${repo.toLowerCase().replace(/[^a-z0-9.-]+/g, ".")}.convener`;
}

/** The iCalendar text for the given meetings: times in each meeting's IANA zone, with its VTIMEZONE. */
export function buildFeed(meetings: readonly FeedMeeting[], options: FeedOptions, series: readonly FeedSeries[] = []): string {
  const sorted = [...meetings].sort((a, b) => a.agenda.when.startUtc.localeCompare(b.agenda.when.startUtc) || meetingUid(a.repo, a.agenda).localeCompare(meetingUid(b.repo, b.agenda)));
  const years = [
    ...sorted.map((m) => Number(m.agenda.date.slice(0, 4))),
    ...series.flatMap((s) => [Number(s.first.slice(0, 4)), s.lastYear]),
  ];
  const [fromYear, toYear] = [Math.min(...years), Math.max(...years)];
  const calendar = ical({
    name: options.name,
    prodId: "//Convener//Meetings//EN",
    timezone: { name: null, generator: (zone) => renderVTimezone(zone, fromYear, toYear) },
  });
  for (const { repo, agenda, issueUrl, groupName, fileUrl, sequence } of sorted) {
    const start = DateTime.fromISO(agenda.when.startUtc, { zone: "UTC" }).setZone(agenda.timezone);
    calendar.createEvent({
      id: meetingUid(repo, agenda),
      sequence: sequence ?? 0,
      stamp: options.stamp,
      start,
      end: start.plus({ minutes: agenda.duration }),
      timezone: agenda.timezone,
      summary: agenda.title,
      description: describe(agenda, groupName, issueUrl, fileUrl),
      categories: [{ name: agenda.topic }, { name: agenda.tag }],
      ...(issueUrl ? { url: issueUrl } : {}),
      ...(agenda.location || agenda.link ? { location: agenda.location ?? agenda.link! } : {}),
      status: agenda.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  for (const entry of [...series].sort((a, b) => seriesUid(a).localeCompare(seriesUid(b)))) {
    const { series: s, groupName } = entry;
    const start = DateTime.fromISO(`${entry.first}T${s.time}`, { zone: s.timezone });
    // A raw repeating value: the RRULE, then one EXDATE per excluded date at the series' wall-clock time.
    const exdates = entry.exdates.map((date) => `EXDATE;TZID=${s.timezone}:${DateTime.fromISO(`${date}T${s.time}`, { zone: s.timezone }).toFormat("yyyyMMdd'T'HHmmss")}`);
    calendar.createEvent({
      id: seriesUid(entry),
      stamp: options.stamp,
      start,
      end: start.plus({ minutes: s.duration }),
      timezone: s.timezone,
      repeating: [`RRULE:${s.rule}`, ...exdates].join("\r\n"),
      summary: s.title,
      description: [s.agenda, "", `${groupName} (${s.tag})`, ...(s.link ? [`Join: ${s.link}`] : [])].join("\n"),
      categories: [{ name: s.topic }, { name: s.tag }],
      ...(s.location || s.link ? { location: s.location ?? s.link! } : {}),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** One UID per group's series, whatever its rule becomes. */
export function seriesUid(entry: Pick<FeedSeries, "repo"> & { series: Pick<Series, "tag"> }): string {
  return `${entry.series.tag}-series@${entry.repo.toLowerCase().replace(/[^a-z0-9.-]+/g, ".")}.convener`;
}

function describe(agenda: Agenda, groupName: string, issueUrl?: string, fileUrl?: string): string {
  const lines = [fileUrl ? rewriteRelativeLinks(agenda.body, fileUrl) : agenda.body, "", `${groupName} (${agenda.tag})`];
  if (agenda.link) lines.push(`Join: ${agenda.link}`);
  if (issueUrl) lines.push(`Notes: ${issueUrl}`);
  return lines.join("\n");
}

/** A strong ETag of the exact bytes served. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}
