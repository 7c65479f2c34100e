import { randomUUID } from "node:crypto";
import { acquireRedisLock } from "./redis-lock.js";
import { KEY_PREFIX, REPLICA_ID, sharedRedis, SharedStateUnavailableError } from "./redis.js";

/**
 * GitHub's one-write-at-a-time, a-second-apart rule is per installation, not per process: with
 * several replicas the write spacer (core/octokit.ts) takes its turn here too. A write holds the
 * installation's lock in Redis while it is sent, and leaves when it ended and whose it was, so the
 * next write (on any replica) waits the gap unless it belongs to the same delivery.
 */
export interface WriteTurn {
  /** When the previous write of the installation ended (epoch ms), and whose it was. */
  lastEnd: number;
  lastOwner: string | undefined;
  finish: (end: number, owner: string | undefined) => Promise<void>;
}

export interface SharedWriteLane {
  take: (installation: string) => Promise<WriteTurn>;
}

const WAIT_MS = 5 * 60_000;

/** Null without `REDIS_URL`: the spacer's in-process lanes are all there is. */
export function sharedWriteLane(): SharedWriteLane | null {
  const redis = sharedRedis();
  if (!redis) return null;
  return {
    async take(installation) {
      const lock = await acquireRedisLock(redis, `write:${installation}`, { waitMs: WAIT_MS });
      if (!lock) throw new SharedStateUnavailableError(`waiting for installation ${installation}'s write turn`, new Error("timed out"));
      const lastKey = `${KEY_PREFIX}write-last:${installation}`;
      let last: string | null;
      try {
        last = await redis.get(lastKey);
      } catch (error) {
        await lock.release();
        throw new SharedStateUnavailableError("reading the last write's time", error);
      }
      const [end, owner] = (last ?? "").split("|");
      return {
        lastEnd: Number(end) || Number.NEGATIVE_INFINITY,
        lastOwner: owner || undefined,
        finish: async (endMs, ownerId) => {
          // Kept a minute: older than that, the gap has passed anyway.
          await redis.set(lastKey, `${endMs}|${ownerId ?? ""}`, "PX", 60_000).catch(() => undefined);
          await lock.release();
        },
      };
    },
  };
}

const ownerIds = new WeakMap<object, string>();

/** A delivery's token (deferred-answer.ts) as a string other replicas can compare. */
export function ownerIdOf(owner: object | undefined): string | undefined {
  if (!owner) return undefined;
  let id = ownerIds.get(owner);
  if (!id) ownerIds.set(owner, (id = `${REPLICA_ID}:${randomUUID()}`));
  return id;
}
