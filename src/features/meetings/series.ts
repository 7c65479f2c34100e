import rrulePackage from "rrule";
import { stringify } from "yaml";
import { z } from "zod";
import { readYaml } from "../../core/read-yaml.js";
import { calendarDate, meetingFields, text, type MeetingDetails } from "./meeting-fields.js";
import type { AgendaProblem } from "./parse-agenda.js";

const { RRule } = rrulePackage;

/**
 * A recurring meeting declared once per group: `<folder>/<group-tag>/series.yml`, next to the dated
 * agenda files. Its `rule` is an iCalendar RRULE (without DTSTART: `start` is the first date), read
 * with the `rrule` package; each occurrence is a meeting on that date at `time` in `timezone` (wall
 * clock, so a weekly 09:00 in Los Angeles stays 09:00 across daylight-saving changes). A dated agenda
 * file for one of its dates replaces that occurrence; `cancelled` lists the dates that do not take place.
 */
export const SERIES_FILE = "series.yml";

export interface Series extends MeetingDetails {
  start: string;
  /** The normalised rule, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`. */
  rule: string;
  cancelled: string[];
  /** The agenda of every occurrence (Markdown) until a dated file gives one. */
  agenda: string;
}

export type SeriesResult = { ok: true; series: Series } | { ok: false; problems: AgendaProblem[] };

/** Frequencies below a day would open a notes issue every hour: refused. */
const ALLOWED_FREQUENCIES = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);

const seriesSchema = z.strictObject({
  title: text(200),
  start: calendarDate,
  rule: z.string().superRefine((rule, ctx) => {
    const problem = checkRule(rule);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  ...meetingFields,
  cancelled: z.array(calendarDate, "must be a list of dates `YYYY-MM-DD`").max(500).default([]),
  agenda: text(20_000).default("- Agenda to be announced"),
});

const FIELDS = "title, start, rule, time, timezone, duration, topic, facilitator, note-taker, location, link, cancelled, agenda";

/** Why a rule is refused, or null. */
export function checkRule(rule: string): string | null {
  if (/DTSTART|^\s*RRULE:/i.test(rule)) return "`rule` is the RRULE value only, such as `FREQ=WEEKLY;BYDAY=TU`; the first date goes in `start`";
  let options;
  try {
    options = RRule.parseString(rule);
  } catch (error) {
    return `\`rule\` is not an iCalendar RRULE (${(error as Error).message}); write e.g. \`FREQ=WEEKLY;INTERVAL=2;BYDAY=TU\``;
  }
  if (options.freq === undefined && /FREQ=/i.test(rule)) return "`rule` is not an iCalendar RRULE (unknown `FREQ`); write e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`";
  if (options.freq === undefined) return "`rule` needs a `FREQ`, such as `FREQ=WEEKLY`";
  if (!ALLOWED_FREQUENCIES.has(options.freq)) return "`rule` must repeat daily, weekly, monthly or yearly (`FREQ=DAILY|WEEKLY|MONTHLY|YEARLY`)";
  if (options.byhour || options.byminute || options.bysecond) return "`rule` must not set BYHOUR, BYMINUTE or BYSECOND: the time of day is `time`";
  return null;
}

/** Reads and validates a series file; every problem names its field and line. */
export function parseSeries(path: string, tag: string, content: string): SeriesResult {
  const yaml = readYaml(content, { maxAliasCount: 0, what: path });
  if (!yaml.ok) return { ok: false, problems: [{ path, line: yaml.line, message: yaml.message }] };
  if (!yaml.value || typeof yaml.value !== "object" || Array.isArray(yaml.value)) {
    return { ok: false, problems: [{ path, line: 1, message: `a series file is a YAML mapping of ${FIELDS}` }] };
  }
  const parsed = seriesSchema.safeParse(yaml.value);
  if (!parsed.success) {
    const lines = content.split("\n");
    const lineOf = (key: string) => Math.max(1, lines.findIndex((l) => l.startsWith(`${key}:`)) + 1);
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? "");
        if (issue.code === "unrecognized_keys") return { path, line: lineOf(issue.keys[0]!), message: `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(", ")}; the fields are ${FIELDS}` };
        if (issue.code === "invalid_type" && (yaml.value as Record<string, unknown>)[key] === undefined) return { path, line: 1, message: `\`${key}\` is missing; it is required` };
        return { path, line: lineOf(key), message: issue.message.startsWith("`") ? issue.message : `\`${key}\` ${issue.message}` };
      }).sort((a, b) => a.line - b.line),
    };
  }
  const data = parsed.data;
  return {
    ok: true,
    series: {
      path, tag, title: data.title, start: data.start, rule: normaliseRule(data.rule), time: data.time, timezone: data.timezone,
      duration: data.duration, topic: data.topic,
      ...(data.facilitator ? { facilitator: data.facilitator } : {}),
      ...(data["note-taker"] ? { noteTaker: data["note-taker"] } : {}),
      ...(data.location ? { location: data.location } : {}),
      ...(data.link ? { link: data.link } : {}),
      cancelled: [...new Set(data.cancelled)].sort(),
      agenda: data.agenda.trim(),
    },
  };
}

function normaliseRule(rule: string): string {
  return RRule.optionsToString(RRule.parseString(rule)).replace(/^RRULE:/, "");
}

/**
 * The dates of the series from `from` to `to` (inclusive, `YYYY-MM-DD`), cancelled ones included.
 * Dates are counted on a floating calendar (midnight UTC stands for the day), then each gets the
 * series' wall-clock time in its zone: the rule never sees an offset, so DST cannot shift a day.
 */
export function listOccurrences(series: Pick<Series, "start" | "rule">, from: string, to: string): string[] {
  const rule = new RRule({ ...RRule.parseString(series.rule), dtstart: new Date(`${series.start}T00:00:00Z`) });
  return rule.between(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`), true).map((d) => d.toISOString().slice(0, 10));
}

/**
 * One occurrence as the agenda file a person would have written for it: it then goes through the
 * same checks, notes and calendar code as a dated file.
 */
export function renderOccurrenceAgenda(series: Series, date: string): string {
  const front = {
    title: series.title, date, time: series.time, timezone: series.timezone, duration: series.duration, topic: series.topic,
    ...(series.facilitator ? { facilitator: series.facilitator } : {}),
    ...(series.noteTaker ? { "note-taker": series.noteTaker } : {}),
    ...(series.location ? { location: series.location } : {}),
    ...(series.link ? { link: series.link } : {}),
    cancelled: series.cancelled.includes(date),
  };
  return `---\n${stringify(front, { version: "1.2", defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" })}---\n\n${series.agenda}\n`;
}
