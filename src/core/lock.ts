import { answerIfStillWaiting } from "./deferred-answer.js";
import { acquireRedisLock } from "../shared-state/redis-lock.js";
import { sharedRedis, SharedStateUnavailableError } from "../shared-state/redis.js";

/**
 * Serialises work on one key (an issue, a repository), so two deliveries for the same issue
 * arriving together are decided one after the other: the second sees the first's writes. Inside
 * this process a promise chain orders them; with `REDIS_URL` (several replicas) the holder of the
 * chain's head also takes the key's lock in Redis (shared-state/redis-lock.ts), held while the work
 * runs and renewed, so deliveries for one issue on different replicas are serialised too.
 */
const tails = new Map<string, Promise<unknown>>();

/** How long a delivery waits for another replica's hold on its issue before failing (503). */
const SHARED_WAIT_MS = 5 * 60_000;

export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key);
  // Behind another delivery for long, this one is answered early (see deferred-answer.ts).
  const stopWaiting = previous ? answerIfStillWaiting() : () => undefined;
  const start = () => {
    stopWaiting();
    return withSharedLock(key, work);
  };
  const run = (previous ?? Promise.resolve()).then(start, start);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}

async function withSharedLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const redis = sharedRedis();
  if (!redis) return work();
  const stopWaiting = answerIfStillWaiting();
  let lock;
  try {
    lock = await acquireRedisLock(redis, `issue:${key}`, { waitMs: SHARED_WAIT_MS });
  } finally {
    stopWaiting();
  }
  if (!lock) throw new SharedStateUnavailableError(`waiting for ${key}`, new Error(`held elsewhere for over ${SHARED_WAIT_MS / 1000} s`));
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
