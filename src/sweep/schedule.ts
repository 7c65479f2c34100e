import type { Clock } from "../core/clock.js";
import type { Log } from "../core/log.js";
import type { AuthFn } from "./run-sweep.js";
import { SweepBusyError, sweepOnce } from "./sweep-once.js";

const MAX_TIMER_MS = 2 ** 31 - 1;

/** `15m`, `1h`, `30s` → milliseconds; null for unset, `off` or `0`. Throws on anything else. */
export function parseInterval(text: string | undefined): number | null {
  const value = (text ?? "").trim().toLowerCase();
  if (value === "" || value === "off" || value === "0") return null;
  const m = /^(\d+)\s*(s|m|h)$/.exec(value);
  if (!m || Number(m[1]) === 0) throw new Error(`SWEEP_INTERVAL must look like 15m, 1h or 30s (or off), not "${text}"`);
  const ms = Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s" | "m" | "h"];
  // setInterval turns anything over 2^31-1 ms (about 24.8 days) into 1 ms: a sweep storm.
  if (ms > MAX_TIMER_MS) throw new Error(`SWEEP_INTERVAL must be at most ${Math.floor(MAX_TIMER_MS / 3_600_000)}h, not "${text}"`);
  return ms;
}

/**
 * The single-process deployment's scheduler: a sweep every `SWEEP_INTERVAL` (off by default).
 * The timer does not keep the process alive, and a tick that finds a sweep running joins it.
 */
export function startSweepSchedule(auth: AuthFn, log: Log, env: NodeJS.ProcessEnv = process.env, clock?: Clock): NodeJS.Timeout | null {
  let every: number | null;
  try {
    every = parseInterval(env.SWEEP_INTERVAL);
  } catch (error) {
    log.error({ err: error }, "sweep schedule not started");
    return null;
  }
  if (every === null) return null;
  log.info({ everyMs: every }, "sweep schedule started");
  const timer = setInterval(() => {
    sweepOnce(auth, log, { env, ...(clock ? { clock } : {}) }).then(
      (r) => log.info({ planned: r.planned, applied: r.applied, left: r.left }, "scheduled sweep done"),
      (error: unknown) => (error instanceof SweepBusyError ? log.info({}, "scheduled sweep skipped: another replica is sweeping") : log.error({ err: error }, "scheduled sweep failed")),
    );
  }, every);
  timer.unref();
  return timer;
}
