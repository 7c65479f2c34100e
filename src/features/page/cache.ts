import { systemClock } from "../../core/clock.js";
import type { Log } from "../../core/log.js";
import type { GovernanceView } from "./model.js";

export interface PageSource {
  /** The communities to show (discovered or configured); read again after `listMaxAgeMs`. */
  listRepos(): Promise<string[]>;
  read(repo: string): Promise<GovernanceView>;
  log: Log;
  now?: () => number;
}

interface Entry {
  view: GovernanceView;
  loadedAt: number;
  stale: boolean;
}

/** A community's data is read again after this long even without an event (times left move on; a missed webhook heals). */
export const PAGE_TTL_MS = 60_000;
const LIST_TTL_MS = 10 * 60_000;

/**
 * The page's data, kept in memory: an event about a community (an issue, comment, pull request,
 * label or push) marks it stale and the next request reads it again; otherwise it is read at most
 * once a minute. Concurrent requests share one read; a failed read serves the last good data.
 */
export class PageCache {
  private entries = new Map<string, Entry>();
  private inflight = new Map<string, Promise<GovernanceView>>();
  private list: { repos: string[]; at: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly source: PageSource) {
    this.now = source.now ?? (() => systemClock().getTime());
  }

  invalidate(fullName: string): void {
    for (const [key, entry] of this.entries) if (key.toLowerCase() === fullName.toLowerCase()) entry.stale = true;
  }

  /** A new installation or repository: the list is read again on the next request. */
  forgetList(): void {
    this.list = null;
  }

  async repos(): Promise<string[]> {
    if (this.list && this.now() - this.list.at < LIST_TTL_MS) return this.list.repos;
    const repos = await this.source.listRepos();
    this.list = { repos, at: this.now() };
    return repos;
  }

  /** The community as the page shows it, or null when it is not one the page serves. */
  async view(repo: string): Promise<GovernanceView | null> {
    const known = (await this.repos()).find((r) => r.toLowerCase() === repo.toLowerCase());
    if (!known) return null;
    const entry = this.entries.get(known);
    if (entry && !entry.stale && this.now() - entry.loadedAt < PAGE_TTL_MS) return entry.view;
    let pending = this.inflight.get(known);
    if (!pending) {
      pending = this.load(known).finally(() => this.inflight.delete(known));
      this.inflight.set(known, pending);
    }
    return pending;
  }

  async views(): Promise<GovernanceView[]> {
    const repos = await this.repos();
    const views = await Promise.all(repos.map((r) => this.view(r).catch((error: unknown) => {
      this.source.log.warn({ err: error, repo: r }, "governance page: community left out, it could not be read");
      return null;
    })));
    return views.filter((v): v is GovernanceView => v !== null);
  }

  private async load(repo: string): Promise<GovernanceView> {
    const previous = this.entries.get(repo);
    try {
      const view = await this.source.read(repo);
      this.entries.set(repo, { view, loadedAt: this.now(), stale: false });
      return view;
    } catch (error) {
      if (!previous) throw error;
      this.source.log.warn({ err: error, repo }, "governance page: could not read the community; serving the last good data");
      Object.assign(previous, { stale: false, loadedAt: this.now() });
      return previous.view;
    }
  }
}
