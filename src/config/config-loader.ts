import { repoKeyOf, type ConfigCache, type ConfigScope } from "./config-cache.js";
import type { ReadConfig } from "./load-config.js";
import type { ConfigResult } from "./parse-config.js";

/** Reads configurations through a cache: what webhooks and the calendar feed share in one process. */
export interface ConfigLoader<Config> {
  /** The cached result for `repo`, else `read()`'s (kept when it is lasting). */
  load(repo: { owner: string; repo: string }, read: () => Promise<ReadConfig<Config>>): Promise<ConfigResult<Config>>;
  /** Drops the entries a change made stale; a read already under way is not kept either. */
  invalidate(scopes: readonly ConfigScope[]): Promise<void>;
}

export function createConfigLoader<Config>(cache: ConfigCache<Config>): ConfigLoader<Config> {
  // Concurrent events of one repository (different issues) share one read.
  const inflight = new Map<string, Promise<ConfigResult<Config>>>();
  // Bumped by every invalidation: a read that began before it may hold the old file, so it is not stored.
  let generation = 0;
  return {
    async load(repo, read) {
      const cached = await cache.get(repo);
      if (cached) return cached.result;
      const key = repoKeyOf(repo);
      const running = inflight.get(key);
      if (running) return running;
      const began = generation;
      const reading = read().then(async (got) => {
        if (got.lasting && began === generation) await cache.set(repo, { result: deepFreeze(got.result), files: got.files });
        return got.result;
      });
      inflight.set(key, reading);
      const forget = () => {
        if (inflight.get(key) === reading) inflight.delete(key);
      };
      reading.then(forget, forget);
      return reading;
    },
    async invalidate(scopes) {
      if (scopes.length === 0) return;
      generation++;
      inflight.clear();
      for (const scope of scopes) await cache.invalidate(scope);
    },
  };
}

/** One configuration object serves many events: freezing it makes a feature that changes it fail loudly, not leak. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
