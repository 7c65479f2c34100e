import { DateTime, IANAZone } from "luxon";

/**
 * Meeting times are wall-clock times in an IANA zone; luxon turns them into instants with the
 * zone's rules for that very date, so a 09:00 meeting in Los Angeles stays at 09:00 across
 * daylight-saving changes (16:00 UTC in summer, 17:00 UTC in winter).
 */
export interface MeetingTime {
  /** ISO instants in UTC. */
  startUtc: string;
  endUtc: string;
  /** e.g. `Monday, March 15, 2027, 09:00 America/Los_Angeles (UTC-07:00)`. */
  localLabel: string;
  /** e.g. `2027-03-15 16:00 UTC`. */
  utcLabel: string;
}

/** Area/Location names only: `PST`, `EST`, `GMT+1` or `Etc/GMT-2` are abbreviations or fixed offsets that ignore DST. */
export function checkTimezone(zone: string): string | null {
  if (zone === "UTC") return null;
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone) || /^Etc\//i.test(zone)) {
    return `\`timezone\` must be an IANA zone name such as \`America/Los_Angeles\` or \`Europe/Berlin\` (or \`UTC\`); abbreviations like \`PST\` and fixed offsets like \`+02:00\` are refused because they ignore daylight-saving time`;
  }
  if (!IANAZone.isValidZone(zone)) return `\`timezone\`: unknown IANA zone; use a name from the tz database such as \`America/Los_Angeles\``;
  return null;
}

export type MeetingTimeResult = { ok: true; value: MeetingTime } | { ok: false; message: string };

export function computeMeetingTime(date: string, time: string, zone: string, durationMinutes: number): MeetingTimeResult {
  const start = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!start.isValid) return { ok: false, message: `\`${date} ${time}\` is not a valid time in ${zone}` };
  // In a spring-forward gap luxon moves the time on; such a wall-clock time does not exist.
  if (start.toFormat("HH:mm") !== time) {
    return { ok: false, message: `\`time\`: ${time} does not exist on ${date} in ${zone} (the clocks skip it for daylight-saving time)` };
  }
  const end = start.plus({ minutes: durationMinutes });
  const utc = start.toUTC();
  return {
    ok: true,
    value: {
      startUtc: utc.toISO({ suppressMilliseconds: true })!,
      endUtc: end.toUTC().toISO({ suppressMilliseconds: true })!,
      localLabel: `${start.setLocale("en-US").toFormat("cccc, LLLL d, yyyy, HH:mm")} ${zone} (UTC${start.toFormat("ZZ")})`,
      utcLabel: `${utc.toFormat("yyyy-MM-dd HH:mm")} UTC`,
    },
  };
}
