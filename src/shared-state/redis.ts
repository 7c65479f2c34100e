import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

/**
 * The one place that chooses where state shared between deliveries lives. Without `REDIS_URL`, in
 * this process (locks, caches; no delivery de-duplication): exactly one replica. With it, in Redis,
 * so any number of replicas behind a load balancer handle each issue one delivery at a time,
 * each delivery once, one sweep at a time (docs/replicas.md).
 *
 * Commands never wait long while Redis is unreachable: they fail within 2 s, and the delivery that needed
 * them is answered 503 (`SharedStateUnavailableError`) so GitHub shows it failed and it can be
 * redelivered, instead of the delivery running without its lock.
 */
let client: Redis | null | undefined;
let subscriber: Redis | null = null;

/** This process among the replicas (lock tokens, the origin of a broadcast invalidation). */
export const REPLICA_ID = randomUUID();

/** Key prefix of everything Convener stores, so one Redis can serve other apps too. */
export const KEY_PREFIX = "convener:";

export class SharedStateUnavailableError extends Error {
  /** `@octokit/webhooks` answers a failed delivery with its first error's `status`. */
  readonly status = 503;

  constructor(what: string, cause: unknown) {
    super(`shared state (Redis) unavailable while ${what}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "SharedStateUnavailableError";
  }
}

export function isRedisConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return typeof env.REDIS_URL === "string" && env.REDIS_URL.trim() !== "";
}

function connect(url: string): Redis {
  const redis = new Redis(url, {
    // Fail fast when down: a command waiting for a reconnect would hold a delivery past GitHub's 10 s.
    // Commands sent while (re)connecting wait in the queue, but never longer than `commandTimeout`.
    commandTimeout: 2_000,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // Keep reconnecting (a restarted Redis is picked up again), at most every second.
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    lazyConnect: false,
  });
  // Without a listener ioredis prints every failed reconnect; the failures reach callers as errors.
  redis.on("error", () => undefined);
  return redis;
}

/** The shared client, or null without `REDIS_URL` (then every caller keeps its in-process state). */
export function sharedRedis(env: NodeJS.ProcessEnv = process.env): Redis | null {
  if (client === undefined) client = isRedisConfigured(env) ? connect(env.REDIS_URL!.trim()) : null;
  return client;
}

/** A second connection for pub/sub (a subscribed connection can run no other command). */
export function sharedSubscriber(env: NodeJS.ProcessEnv = process.env): Redis | null {
  if (!sharedRedis(env)) return null;
  if (!subscriber) {
    subscriber = connect(env.REDIS_URL!.trim());
  }
  return subscriber;
}

export interface RedisStatus {
  /** Whether `REDIS_URL` is set (replicas share state). */
  configured: boolean;
  /** Answered PING (always true when not configured: nothing to reach). */
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

/** For `/ready`: whether the shared state can be reached now. */
export async function pingRedis(timeoutMs = 1_000): Promise<RedisStatus> {
  const redis = sharedRedis();
  if (!redis) return { configured: false, ok: true };
  const started = performance.now();
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { configured: true, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { configured: true, ok: false, error: (error as Error)?.message ?? String(error) };
  }
}

/** Closes the connections (tests; the server exits with them open). */
export async function closeSharedRedis(): Promise<void> {
  const open = [client, subscriber].filter((c): c is Redis => Boolean(c));
  client = undefined;
  subscriber = null;
  await Promise.all(open.map((c) => c.quit().catch(() => c.disconnect())));
}
