import type { ConfigResult } from "./parse-config.js";

/**
 * Configurations kept between deliveries, per repository, so an event that is not Convener's
 * concern costs no request. Webhooks say when a configuration changes (`configScopesChangedBy`);
 * the time limit is a safety net for a missed webhook, not the way changes are seen.
 *
 * The interface is three calls on plain JSON-able values, so a shared store (Redis) can stand in
 * for the in-process one; `createMemoryConfigCache` is the in-process one.
 */
export interface CachedConfig<Config> {
  result: ConfigResult<Config>;
  /** The files it was read from (`owner/repo:path`, owner and repository lower-cased), found or not. */
  files: string[];
}

/** What a change makes stale: one repository's entry, every entry of an owner, or every entry read from a file. */
export type ConfigScope =
  | { repo: { owner: string; repo: string } }
  | { owner: string }
  /** A file (`owner/repo:path`), or with `path` absent any file of that repository. */
  | { file: { owner: string; repo: string; path?: string } };

export interface ConfigCache<Config> {
  get(repo: { owner: string; repo: string }): Promise<CachedConfig<Config> | undefined>;
  set(repo: { owner: string; repo: string }, entry: CachedConfig<Config>): Promise<void>;
  invalidate(scope: ConfigScope): Promise<void>;
}

export interface MemoryCacheOptions {
  /** How long an entry is trusted without a webhook saying it changed; 0 keeps nothing. */
  ttlMs: number;
  /** Milliseconds since some epoch: an elapsed-time source, injectable for tests. */
  now?: () => number;
  /** Entries kept at most (least recently stored dropped first). */
  maxEntries?: number;
}

const MAX_ENTRIES = 1000;

export const repoKeyOf = (repo: { owner: string; repo: string }) => `${repo.owner}/${repo.repo}`.toLowerCase();

export function createMemoryConfigCache<Config>(options: MemoryCacheOptions): ConfigCache<Config> {
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? MAX_ENTRIES;
  const entries = new Map<string, CachedConfig<Config> & { storedAt: number }>();
  const matches = (key: string, entry: CachedConfig<Config>, scope: ConfigScope): boolean => {
    if ("repo" in scope) return key === repoKeyOf(scope.repo);
    if ("owner" in scope) return key.startsWith(`${scope.owner.toLowerCase()}/`);
    const prefix = `${repoKeyOf(scope.file)}:`;
    return entry.files.some((f) => (scope.file.path === undefined ? f.startsWith(prefix) : f === prefix + scope.file.path));
  };
  return {
    async get(repo) {
      const key = repoKeyOf(repo);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.storedAt >= options.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return { result: entry.result, files: entry.files };
    },
    async set(repo, entry) {
      if (options.ttlMs <= 0) return;
      const key = repoKeyOf(repo);
      entries.delete(key); // re-inserted last: the Map's order is least recently stored first
      entries.set(key, { result: entry.result, files: [...entry.files], storedAt: now() });
      while (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    async invalidate(scope) {
      for (const [key, entry] of entries) if (matches(key, entry, scope)) entries.delete(key);
    },
  };
}
