import { systemClock, type Clock } from "../core/clock.js";
import { features } from "../features/index.js";
import { readIdentityFromEnv, type AppIdentity } from "../core/identity.js";
import type { Log } from "../core/log.js";
import { runSweep, type AuthFn, type SweepReport } from "./run-sweep.js";
import { isDryRunEnv } from "../core/identity.js";
import { acquireRedisLock } from "../shared-state/redis-lock.js";
import { sharedRedis } from "../shared-state/redis.js";

export const DEFAULT_MAX_WRITES = 30;

/** The app's bot login (`<slug>[bot]`), from `APP_SLUG` or else asked of GitHub once. */
export async function resolveIdentity(auth: AuthFn, env: NodeJS.ProcessEnv = process.env): Promise<AppIdentity> {
  const identity = readIdentityFromEnv(env);
  if (identity.login) return identity;
  const { data } = await (await auth()).request("GET /app");
  return { ...identity, ...(data?.id ? { appId: data.id } : {}), ...(data?.slug ? { login: `${data.slug}[bot]` } : {}) };
}

let running: Promise<SweepReport> | null = null;

/** Another replica is sweeping: this request is declined (HTTP 409), its sweep does the work. */
export class SweepBusyError extends Error {
  readonly status = 409;

  constructor() {
    super("a sweep is already running on another replica");
    this.name = "SweepBusyError";
  }
}

/**
 * The in-process entry (schedule and HTTP trigger): a sweep asked for while one runs joins it
 * instead of starting a second, so the two never race inside one process. `DRY_RUN=true` (the
 * server's dry run) makes it plan only.
 */
export function sweepOnce(auth: AuthFn, log: Log, options: { maxWrites?: number; clock?: Clock; env?: NodeJS.ProcessEnv } = {}): Promise<SweepReport> {
  if (running) return running;
  running = (async () => {
    // Several replicas (REDIS_URL): one sweep at a time across all of them; the others decline.
    const redis = sharedRedis();
    const lock = redis ? await acquireRedisLock(redis, "sweep", { waitMs: 0, onLost: () => log.warn({}, "the sweep lock expired while sweeping") }) : null;
    if (redis && !lock) throw new SweepBusyError();
    try {
      const identity = await resolveIdentity(auth, options.env);
      return await runSweep({
        auth, features, confirm: !isDryRunEnv(options.env ?? process.env), maxWrites: options.maxWrites ?? DEFAULT_MAX_WRITES, identity, log, clock: options.clock ?? systemClock,
      });
    } finally {
      await lock?.release();
    }
  })().finally(() => {
    running = null;
  });
  return running;
}
