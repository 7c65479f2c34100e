import { createHash } from "node:crypto";
import { systemClock } from "../../core/clock.js";
import type { Log } from "../../core/log.js";
import type { RepoRef } from "../../core/plan.js";
import { buildFeed, etagOf, type FeedMeeting } from "./build-feed.js";
import type { RepoMeetings } from "./read-meetings.js";

export interface CalendarSource {
  repos: readonly RepoRef[];
  load(repo: RepoRef): Promise<RepoMeetings>;
  log: Log;
  now?: () => number;
  /** Safety net for a missed push: data older than this is read again on the next request. */
  maxAgeMs?: number;
}

interface Entry {
  data: RepoMeetings;
  loadedAt: number;
  stale: boolean;
  hash: string;
  /** When the data last changed: the events' DTSTAMP, so an unchanged feed keeps its bytes. */
  changedAt: number;
}

const RETRY_MS = 60_000;
const maxAgeOf = (source: CalendarSource) => source.maxAgeMs ?? 3_600_000;

export interface RenderedFeed {
  body: string;
  etag: string;
}

/**
 * The feed served from memory. A push that touches a repository's agenda files (or its config or
 * charters) marks that repository stale; the next request reads it again (GitHub is read at most
 * once per change, never per request). If GitHub fails, the last good data is served.
 */
export class CalendarCache {
  private entries = new Map<string, Entry>();
  private inflight = new Map<string, Promise<void>>();
  private rendered = new Map<string, RenderedFeed>();
  private version = 0;
  private readonly now: () => number;

  constructor(private readonly source: CalendarSource) {
    this.now = source.now ?? (() => systemClock().getTime());
  }

  isServed(fullName: string): boolean {
    return this.source.repos.some((r) => `${r.owner}/${r.repo}`.toLowerCase() === fullName.toLowerCase());
  }

  /** Marks a repository stale when one of the paths may change its meetings (any path when none are given). */
  invalidate(fullName: string, paths?: readonly string[]): boolean {
    const entry = [...this.entries.entries()].find(([key]) => key.toLowerCase() === fullName.toLowerCase())?.[1];
    if (!entry) return false;
    if (paths && !paths.some((p) => entry.data.watches.some((w) => p === w || p.startsWith(w)))) return false;
    entry.stale = true;
    return true;
  }

  /**
   * Whether a group of a served repository has this tag (retired ones aside): a mistyped
   * subscription answers 404 instead of an empty calendar. Read like the feed (same cache).
   */
  async hasTag(tag: string): Promise<boolean> {
    await Promise.all(this.source.repos.map((repo) => this.refresh(repo)));
    const entries = this.source.repos.flatMap((r) => this.entries.get(`${r.owner}/${r.repo}`) ?? []);
    const wanted = tag.toLowerCase();
    return entries.some((e) => (e.data.tags ?? e.data.meetings.map((m) => m.agenda.tag)).some((t) => t.toLowerCase() === wanted));
  }

  async feed(tag?: string): Promise<RenderedFeed> {
    await Promise.all(this.source.repos.map((repo) => this.refresh(repo)));
    const key = `${tag ?? ""}|${this.version}`;
    const cached = this.rendered.get(key);
    if (cached) return cached;
    const entries = this.source.repos.flatMap((r) => this.entries.get(`${r.owner}/${r.repo}`) ?? []);
    const meetings: FeedMeeting[] = entries.flatMap((e) => e.data.meetings).filter((m) => !tag || m.agenda.tag === tag);
    const stamp = new Date(Math.max(0, ...entries.map((e) => e.changedAt)));
    const series = entries.flatMap((e) => e.data.series ?? []).filter((s) => !tag || s.series.tag === tag);
    const body = buildFeed(meetings, { name: tag ? `Meetings: ${tag}` : "Community meetings", stamp }, series);
    const feed = { body, etag: etagOf(body) };
    // Only the current version is worth keeping (every tag's feed of it: alternating requests for
    // two groups must not render each time).
    for (const old of this.rendered.keys()) if (!old.endsWith(`|${this.version}`)) this.rendered.delete(old);
    this.rendered.set(key, feed);
    return feed;
  }

  private async refresh(repo: RepoRef): Promise<void> {
    const key = `${repo.owner}/${repo.repo}`;
    const entry = this.entries.get(key);
    const maxAge = maxAgeOf(this.source);
    if (entry && !entry.stale && this.now() - entry.loadedAt < maxAge) return;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.load(repo, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    await pending;
  }

  private async load(repo: RepoRef, key: string): Promise<void> {
    const previous = this.entries.get(key);
    try {
      const data = await this.source.load(repo);
      const hash = createHash("sha256").update(JSON.stringify([data.meetings, data.series ?? []])).digest("hex");
      const changed = hash !== previous?.hash;
      this.entries.set(key, { data, loadedAt: this.now(), stale: false, hash, changedAt: changed ? this.now() : previous!.changedAt });
      if (changed) this.version++;
      for (const skipped of data.skipped) this.source.log.debug({ repo: key, ...skipped }, "agenda file left out of the calendar");
    } catch (error) {
      // Without good data the request fails (503): an empty 200 feed would make calendar apps
      // delete every event they hold. With good data, yesterday's calendar beats none.
      if (!previous) throw error;
      this.source.log.warn({ err: error, repo: key }, "could not read meetings for the calendar; serving the last good data");
      Object.assign(previous, { stale: false, loadedAt: this.now() - maxAgeOf(this.source) + RETRY_MS });
    }
  }
}
