import { z } from "zod";
import { isCalendarDate } from "./agenda-path.js";
import { checkTimezone } from "./meeting-time.js";
import { explainLogin } from "../../core/github-login.js";

/**
 * The fields a dated agenda file and a series file share, with the same messages: a series'
 * occurrence becomes an agenda, so both must accept and refuse the same values.
 */
export const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date `YYYY-MM-DD`").refine(isCalendarDate, "is not a real calendar date");

/** What an agenda file and a series file both say of a meeting, as read (the fields below, validated). */
export interface MeetingDetails {
  path: string;
  tag: string;
  title: string;
  time: string;
  timezone: string;
  duration: number;
  topic: string;
  facilitator?: string;
  noteTaker?: string;
  location?: string;
  link?: string;
}

export const meetingFields = {
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time `HH:MM` between 00:00 and 23:59"),
  timezone: z.string().superRefine((zone, ctx) => {
    const problem = checkTimezone(zone);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  duration: z.number().int("must be a whole number of minutes").min(5, "must be at least 5 minutes").max(720, "must be at most 720 minutes"),
  topic: text(100),
  facilitator: person().optional(),
  "note-taker": person().optional(),
  location: text(300).optional(),
  link: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(500).optional(),
};

/** A name, or an `@handle` that must be a well-formed GitHub login (it is assigned on the notes issue). */
function person() {
  return text(200).superRefine((value, ctx) => {
    if (!value.startsWith("@")) return;
    const why = explainLogin(value.slice(1));
    if (why) ctx.addIssue({ code: "custom", message: `is \`${value}\`, which is not a GitHub handle (${why}); write \`@login\`, or a name without \`@\`` });
  });
}
