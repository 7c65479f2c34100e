import { systemClock, type Clock } from "../core/clock.js";
import { features } from "../features/index.js";
import { readIdentityFromEnv, type AppIdentity } from "../core/identity.js";
import type { Log } from "../core/log.js";
import { runSweep, type AuthFn, type SweepReport } from "./run-sweep.js";
import { isDryRunEnv } from "../core/identity.js";

export const DEFAULT_MAX_WRITES = 30;

/** The app's bot login (`<slug>[bot]`), from `APP_SLUG` or else asked of GitHub once. */
export async function resolveIdentity(auth: AuthFn, env: NodeJS.ProcessEnv = process.env): Promise<AppIdentity> {
  const identity = readIdentityFromEnv(env);
  if (identity.login) return identity;
  const { data } = await (await auth()).request("GET /app");
  return { ...identity, ...(data?.id ? { appId: data.id } : {}), ...(data?.slug ? { login: `${data.slug}[bot]` } : {}) };
}

let running: Promise<SweepReport> | null = null;

/**
 * The in-process entry (schedule and HTTP trigger): a sweep asked for while one runs joins it
 * instead of starting a second, so the two never race inside one process. `DRY_RUN=true` (the
 * server's dry run) makes it plan only.
 */
export function sweepOnce(auth: AuthFn, log: Log, options: { maxWrites?: number; clock?: Clock; env?: NodeJS.ProcessEnv } = {}): Promise<SweepReport> {
  if (running) return running;
  running = (async () => {
    const identity = await resolveIdentity(auth, options.env);
    return runSweep({
      auth, features, confirm: !isDryRunEnv(options.env ?? process.env), maxWrites: options.maxWrites ?? DEFAULT_MAX_WRITES, identity, log, clock: options.clock ?? systemClock,
    });
  })().finally(() => {
    running = null;
  });
  return running;
}
