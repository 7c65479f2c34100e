import { isRedisConfigured, SharedStateUnavailableError } from "./redis.js";

/**
 * Probot 14 clusters Octokit's throttle over `REDIS_URL` (Bottleneck's IORedisConnection), so the
 * replicas share one request budget. Bottleneck re-creates its keys when Redis lost them (a
 * restart, an eviction) by matching the script error `SETTINGS_KEY_NOT_FOUND` / `UNKNOWN_CLIENT`
 * exactly, but Redis 7 prefixes script errors with `ERR `: without this, every request after a
 * Redis restart failed for good. The prefix is taken off before Bottleneck looks.
 */
const RECOVERABLE = /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)$/;
const PATCHED = Symbol("convener.throttleConnectionPatched");

interface ScriptConnection {
  __scriptArgs__?: (name: string, id: string, args: unknown[], cb: (err: Error | null, replies: unknown) => void) => unknown[];
  [PATCHED]?: boolean;
}

export function repairThrottleConnection(connection: unknown): void {
  const c = connection as ScriptConnection | undefined;
  if (!c || typeof c.__scriptArgs__ !== "function" || c[PATCHED]) return;
  const original = c.__scriptArgs__.bind(c);
  c.__scriptArgs__ = (name, id, args, cb) =>
    original(name, id, args, (err, replies) => {
      if (err && RECOVERABLE.test(err.message)) err.message = err.message.slice(4);
      cb(err, replies);
    });
  c[PATCHED] = true;
}

const REDIS_ERROR_NAMES = new Set(["ReplyError", "MaxRetriesPerRequestError", "BottleneckError", "AbortError"]);
const REDIS_ERROR_TEXT = /Connection is closed|Stream isn't writeable|Command timed out|max retries per request/i;

/**
 * A request that failed in the clustered throttle (Redis unreachable), not at GitHub: the same
 * 503 as every other shared-state failure, so the delivery fails and is redelivered instead of
 * a feature quietly skipping its work. Null for anything else (GitHub's answers carry a status).
 */
export function asSharedStateFailure(error: unknown): SharedStateUnavailableError | null {
  if (!isRedisConfigured() || error instanceof SharedStateUnavailableError) return null;
  const e = error as { status?: unknown; name?: unknown; message?: unknown; source?: unknown; syscall?: unknown };
  if (typeof e?.status === "number") return null;
  const byName = typeof e?.name === "string" && REDIS_ERROR_NAMES.has(e.name);
  const byText = typeof e?.message === "string" && REDIS_ERROR_TEXT.test(e.message);
  return byName || byText || e?.source === "bottleneck" ? new SharedStateUnavailableError("throttling a request to GitHub", error) : null;
}
