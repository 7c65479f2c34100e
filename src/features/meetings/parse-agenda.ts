import { z } from "zod";
import { lineOfKey, readFrontMatter, type FrontMatter } from "../../core/front-matter.js";
import { checkFileSize, type SizeLimit } from "../../core/file-size.js";
import { computeMeetingTime, type MeetingTime } from "./meeting-time.js";
import { calendarDate, meetingFields, text, type MeetingDetails } from "./meeting-fields.js";

/** One meeting, as its agenda file describes it. */
export interface Agenda extends MeetingDetails {
  date: string;
  /** The GitHub login when `facilitator` / `note-taker` is an `@handle`: assigned on the notes issue. */
  facilitatorLogin?: string;
  noteTakerLogin?: string;
  cancelled: boolean;
  /** The agenda itself (Markdown). */
  body: string;
  when: MeetingTime;
}

export interface AgendaProblem {
  path: string;
  line: number;
  message: string;
}

export type AgendaResult = { ok: true; agenda: Agenda } | { ok: false; problems: AgendaProblem[] };

const frontMatterSchema = z.strictObject({
  title: text(200),
  date: calendarDate,
  ...meetingFields,
  cancelled: z.boolean("must be `true` or `false`").default(false),
});

/** The login of an `@handle` value. */
export function loginOf(value: string | undefined): string | undefined {
  return value?.startsWith("@") ? value.slice(1) : undefined;
}

const FIELDS = "title, date, time, timezone, duration, topic, facilitator, note-taker, location, link, cancelled";

export const agendaLimit = (bytes: number): SizeLimit => ({ kind: "agenda files", key: "meetings.maxAgendaBytes", bytes });

/** Reads and validates one agenda file; every problem names its field and line. */
export function parseAgenda(path: string, tag: string, fileDate: string, content: string, maxBytes: number): AgendaResult {
  const oversized = checkFileSize(path, content, agendaLimit(maxBytes));
  if (oversized) return fail(path, 1, oversized);
  const split = readFrontMatter(content);
  if (!split.ok && split.missing) return fail(path, 1, "an agenda file must start with YAML front matter: a line `---`, the fields, and a closing `---`");
  if (!split.ok) return fail(path, split.line, split.message);
  const front = split.value;
  const parsed = frontMatterSchema.safeParse(normalise(front.data));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => problemOf(path, front, issue));
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  }
  const data = parsed.data;
  if (data.date !== fileDate) {
    return fail(path, lineOfKey(front, "date"), `\`date\` is ${data.date} but the file name says ${fileDate}; they must match (rename the file to move the meeting)`);
  }
  if (front.body.trim() === "") return fail(path, front.bodyLine, "the agenda is empty: write the agenda (a Markdown list) after the front matter");
  const when = computeMeetingTime(data.date, data.time, data.timezone, data.duration);
  if (!when.ok) return fail(path, lineOfKey(front, "time"), when.message);
  return {
    ok: true,
    agenda: {
      path, tag, date: data.date, title: data.title, time: data.time, timezone: data.timezone, duration: data.duration, topic: data.topic,
      ...(data.facilitator ? { facilitator: data.facilitator } : {}),
      ...(data["note-taker"] ? { noteTaker: data["note-taker"] } : {}),
      ...(loginOf(data.facilitator) ? { facilitatorLogin: loginOf(data.facilitator)! } : {}),
      ...(loginOf(data["note-taker"]) ? { noteTakerLogin: loginOf(data["note-taker"])! } : {}),
      ...(data.location ? { location: data.location } : {}),
      ...(data.link ? { link: data.link } : {}),
      cancelled: data.cancelled,
      body: front.body.trim(),
      when: when.value,
    },
  };
}

/** YAML 1.2 keeps `2027-03-15` and `09:00` as strings; a Date can still come from an explicit tag. */
function normalise(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    out[key] = value instanceof Date && !Number.isNaN(value.getTime()) && key === "date" ? value.toISOString().slice(0, 10) : value;
  }
  return out;
}

function problemOf(path: string, front: FrontMatter, issue: z.core.$ZodIssue): AgendaProblem {
  const key = String(issue.path[0] ?? "");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys;
    return { path, line: lineOfKey(front, keys[0]!), message: `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `\`${k}\``).join(", ")}; the fields are ${FIELDS}` };
  }
  if (issue.code === "invalid_type" && front.data[key] === undefined) {
    return { path, line: lineOfKey(front, key), message: `\`${key}\` is missing; it is required` };
  }
  if (issue.code === "invalid_type") {
    return { path, line: lineOfKey(front, key), message: `\`${key}\` must be ${expected(key)}` };
  }
  const message = issue.message.startsWith("`") ? issue.message : `\`${key}\` ${issue.message}`;
  return { path, line: lineOfKey(front, key), message };
}

function expected(key: string): string {
  if (key === "duration") return "a number of minutes, such as `60`";
  if (key === "cancelled") return "`true` or `false`";
  if (key === "time") return "a 24-hour time `HH:MM`, such as `09:00`";
  return "text";
}

function fail(path: string, line: number, message: string): AgendaResult {
  return { ok: false, problems: [{ path, line, message }] };
}
