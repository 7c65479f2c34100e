import { createMemoryConfigCache, type ConfigCache } from "../config/config-cache.js";
import { configScopesChangedBy } from "../config/config-changes.js";
import { createConfigLoader, type ConfigLoader } from "../config/config-loader.js";
import { CONFIG_FILE, readConfigSources, type ConfigReader } from "../config/load-config.js";
import type { ConfigResult } from "../config/parse-config.js";
import { parseConfig, type Config } from "../features/config-schema.js";
import { createCachedTeamReader, createMemoryTeamCache, teamScopesChangedBy, type TeamCache } from "./role-cache.js";
import type { TeamReader } from "./roles.js";

/**
 * What one app process keeps between deliveries: each repository's configuration and team answers.
 * One set per Probot app (the dispatcher and the calendar feed share it); a test's new app starts empty.
 */
export interface ReadCaches {
  /** The repository's `.github/convener.yml`, validated: from the cache, or read through `reader`. */
  loadConfig(reader: ConfigReader & { repo: () => { owner: string; repo: string } }): Promise<ConfigResult<Config>>;
  /** `reader`, answering from the installation's cached team answers first. */
  teams(reader: TeamReader, installation: number | string | undefined): TeamReader;
  /** Drops what a webhook says changed; called for every event, before anything is read for it. */
  noteEvent(event: string, payload: unknown): Promise<void>;
}

/** `CONFIG_CACHE_SECONDS` and `ROLE_CACHE_SECONDS` (whole seconds, 0 turns the cache off); 10 minutes each by default. */
const DEFAULT_CACHE_SECONDS = 600;

export function readCacheSecondsFromEnv(env: NodeJS.ProcessEnv): { configMs: number; rolesMs: number } {
  return { configMs: secondsOf(env.CONFIG_CACHE_SECONDS, "CONFIG_CACHE_SECONDS") * 1000, rolesMs: secondsOf(env.ROLE_CACHE_SECONDS, "ROLE_CACHE_SECONDS") * 1000 };
}

function secondsOf(value: string | undefined, name: string): number {
  if (value === undefined || value.trim() === "") return DEFAULT_CACHE_SECONDS;
  if (!/^\d+$/.test(value.trim())) throw new Error(`${name} must be a whole number of seconds (0 turns the cache off), not ${JSON.stringify(value)}`);
  return Number(value.trim());
}

export function createReadCaches(options: { configMs: number; rolesMs: number; now?: () => number; config?: ConfigCache<Config>; teams?: TeamCache }): ReadCaches {
  const clock = options.now ? { now: options.now } : {};
  const configs: ConfigLoader<Config> = createConfigLoader(options.config ?? createMemoryConfigCache<Config>({ ttlMs: options.configMs, ...clock }));
  const teamCache = options.teams ?? createMemoryTeamCache({ ttlMs: options.rolesMs, ...clock });
  let teamGeneration = 0;
  return {
    loadConfig(reader) {
      return configs.load(reader.repo(), () => readConfigSources(reader, parseConfig));
    },
    teams(reader, installation) {
      return createCachedTeamReader(reader, teamCache, String(installation ?? "app"), () => teamGeneration);
    },
    async noteEvent(event, payload) {
      await configs.invalidate(configScopesChangedBy(event, payload, `.github/${CONFIG_FILE}`));
      const scopes = teamScopesChangedBy(event, payload);
      if (scopes.length > 0) teamGeneration++;
      for (const scope of scopes) await teamCache.invalidate(scope);
    },
  };
}

const byApp = new WeakMap<object, ReadCaches>();

/** The app's caches, made on first use from the environment (`CONFIG_CACHE_SECONDS`, `ROLE_CACHE_SECONDS`). */
export function readCachesOf(app: object, env: NodeJS.ProcessEnv = process.env): ReadCaches {
  let caches = byApp.get(app);
  if (!caches) byApp.set(app, (caches = createReadCaches(readCacheSecondsFromEnv(env))));
  return caches;
}
