import { DateTime, FixedOffsetZone } from "luxon";

/**
 * A VTIMEZONE for an IANA zone, built from luxon's (the tz database's) rules: one observance per
 * offset change in the years the feed covers, plus the offset in force when that span starts. An
 * explicit list instead of RRULEs stays right when a zone's rules change between years.
 */
export function renderVTimezone(zone: string, fromYear: number, toYear: number): string {
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone: "UTC" }).toMillis();
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone: "UTC" }).toMillis();
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const first = DateTime.fromMillis(start, { zone });
  lines.push(...observance(first.isInDST, first.offset, first.offset, first.offsetNameShort ?? zone, start));
  for (const at of findTransitions(zone, start, end)) {
    const before = DateTime.fromMillis(at - 60_000, { zone });
    const after = DateTime.fromMillis(at, { zone });
    lines.push(...observance(after.isInDST, before.offset, after.offset, after.offsetNameShort ?? zone, at));
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n") + "\r\n";
}

function observance(dst: boolean, fromMinutes: number, toMinutes: number, name: string, at: number): string[] {
  const kind = dst ? "DAYLIGHT" : "STANDARD";
  // DTSTART of an observance is the wall-clock time just before the change, in the old offset.
  const local = DateTime.fromMillis(at, { zone: FixedOffsetZone.instance(fromMinutes) }).toFormat("yyyyMMdd'T'HHmmss");
  return [
    `BEGIN:${kind}`,
    `DTSTART:${local}`,
    `TZOFFSETFROM:${formatOffset(fromMinutes)}`,
    `TZOFFSETTO:${formatOffset(toMinutes)}`,
    `TZNAME:${name.replace(/[^A-Za-z0-9+-]/g, "")}`,
    `END:${kind}`,
  ];
}

/** Instants (ms) at which the zone's UTC offset changes: scanned daily, then bisected to the minute. */
export function findTransitions(zone: string, start: number, end: number): number[] {
  const DAY = 86_400_000;
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const found: number[] = [];
  for (let t = start; t < end; t += DAY) {
    const next = Math.min(t + DAY, end);
    if (offsetAt(t) === offsetAt(next)) continue;
    let [lo, hi] = [t, next];
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid) === offsetAt(lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}
