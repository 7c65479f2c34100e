import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { KEY_PREFIX, SharedStateUnavailableError } from "./redis.js";

/**
 * A lock in Redis: `SET key token NX PX ttl`, released and renewed only by its holder (a Lua
 * compare-and-delete / compare-and-expire on the token), so a holder whose lock expired never
 * releases the next holder's. It is renewed while the work runs; a replica killed while holding it
 * blocks the key for at most `ttlMs`.
 */
export const LOCK_TTL_MS = 8_000;
const RENEW_EVERY_MS = 2_500;
const POLL_MS = 40;

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface HeldLock {
  /** False once a renewal found the lock gone (expired and possibly taken by another replica). */
  held: () => boolean;
  release: () => Promise<void>;
}

export interface LockOptions {
  ttlMs?: number;
  /** How long to wait for the lock; 0 tries once. */
  waitMs: number;
  onLost?: (key: string) => void;
}

/** Takes the lock, waiting up to `waitMs`; null when it stayed taken. Throws 503 when Redis fails. */
export async function acquireRedisLock(redis: Redis, name: string, options: LockOptions): Promise<HeldLock | null> {
  const key = `${KEY_PREFIX}lock:${name}`;
  const token = randomUUID();
  const ttlMs = options.ttlMs ?? LOCK_TTL_MS;
  const deadline = performance.now() + options.waitMs;
  for (;;) {
    let taken: string | null;
    try {
      taken = await redis.set(key, token, "PX", ttlMs, "NX");
    } catch (error) {
      throw new SharedStateUnavailableError(`taking the lock ${name}`, error);
    }
    if (taken === "OK") break;
    if (performance.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  let held = true;
  const renewal = setInterval(() => {
    redis.eval(RENEW, 1, key, token, String(ttlMs)).then(
      (renewed) => {
        if (renewed !== 1 && held) {
          held = false;
          options.onLost?.(name);
        }
      },
      // Redis unreachable: the lock may expire; the next renewal tries again.
      () => undefined,
    );
  }, Math.min(RENEW_EVERY_MS, ttlMs / 3));
  renewal.unref();
  return {
    held: () => held,
    release: async () => {
      clearInterval(renewal);
      held = false;
      // A failed release only leaves the lock to expire by itself.
      await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    },
  };
}
