import { describe, expect, test } from "@jest/globals";
import { CalendarCache } from "../../src/features/calendar/cache.js";
import type { RepoMeetings } from "../../src/features/calendar/read-meetings.js";
import { parseAgenda } from "../../src/features/meetings/parse-agenda.js";
import { agendaText } from "../support/meetings-fixtures.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;
const repo = { owner: "acme", repo: "community" };

function meetingsOf(date: string): RepoMeetings {
  const parsed = parseAgenda(`meetings/auth-ig/${date}.md`, "auth-ig", date, agendaText(date), 100_000);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return { meetings: [{ repo: "acme/community", groupName: "Authorization", agenda: parsed.agenda }], skipped: [], watches: ["meetings/"] };
}

describe("calendar cache", () => {
  test("when GitHub fails before any good read, the feed fails (503) instead of serving an empty calendar", async () => {
    let down = true;
    const cache = new CalendarCache({
      repos: [repo], log: silent,
      load: async () => {
        if (down) throw Object.assign(new Error("bad gateway"), { status: 502 });
        return meetingsOf("2030-03-11");
      },
    });
    // An empty 200 would make calendar apps delete every event they hold.
    await expect(cache.feed()).rejects.toThrow("bad gateway");
    down = false;
    const feed = await cache.feed();
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  test("after a good read, a failure serves the last good feed", async () => {
    let down = false;
    let now = 0;
    const cache = new CalendarCache({
      repos: [repo], log: silent, now: () => now, maxAgeMs: 1000,
      load: async () => {
        if (down) throw new Error("down");
        return meetingsOf("2030-03-11");
      },
    });
    const good = await cache.feed();
    down = true;
    now = 5000; // past maxAge: read again, fails
    expect(await cache.feed()).toEqual(good);
  });
});

describe("calendar cache rendering", () => {
  test("alternating requests for two group feeds render each once per data version", async () => {
    const cache = new CalendarCache({ repos: [repo], log: silent, load: async () => meetingsOf("2030-03-11") });
    const a = await cache.feed("auth-ig");
    const all = await cache.feed();
    expect(await cache.feed("auth-ig")).toBe(a); // the same object: not rendered again
    expect(await cache.feed()).toBe(all);
  });
});
