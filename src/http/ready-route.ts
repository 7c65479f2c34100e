import type { Probot } from "probot";
import { pingRedis } from "../shared-state/redis.js";
import type { RouteFactory } from "./route-handler.js";

/** One dependency's answer: `ok`, or why not. */
export interface CheckResult {
  ok: boolean;
  error?: string;
}

/** The dependencies `/ready` checks; a test or the Redis wiring may replace `redis`. */
export interface ReadinessChecks {
  github: () => Promise<void>;
  redis?: () => Promise<void>;
}

/** GitHub through the app's own credentials (the app JWT's `GET /app`); Redis when REDIS_URL is set. */
export function defaultChecks(app: Probot, env: NodeJS.ProcessEnv = process.env): ReadinessChecks {
  return {
    github: async () => {
      const octokit = await app.auth();
      await octokit.request("GET /app");
    },
    // The replicas' own shared client: ready means the connection the deliveries use answers.
    ...(env.REDIS_URL?.trim() ? { redis: () => pingRedis().then((status) => { if (!status.ok) throw new Error(`Redis: ${status.error}`); }) } : {}),
  };
}

const CHECK_TIMEOUT_MS = 5000;

async function runCheck(check: () => Promise<void>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)))]);
    return { ok: true };
  } catch (error) {
    const e = error as { status?: number; message?: string };
    // Only the status and a short message: `/ready` is public and must not leak tokens or bodies.
    return { ok: false, error: `${e?.status ? `HTTP ${e.status}: ` : ""}${String(e?.message ?? error).slice(0, 200)}` };
  }
}

/**
 * `GET /ready`: 200 when every dependency answers, 503 (with which one failed) otherwise, for a
 * load balancer or Kubernetes' readiness probe. `/ping` (Probot's) only says the process is up.
 */
export function createReadyRoute(checksOf: (app: Probot) => ReadinessChecks = defaultChecks): RouteFactory {
  return (app) => {
    const checks = checksOf(app);
    return async (req, res) => {
      if ((req.url ?? "").split("?")[0] !== "/ready") return false;
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("GET only\n");
        return true;
      }
      const results: Record<string, CheckResult> = {};
      await Promise.all(Object.entries(checks).map(async ([name, check]) => (results[name] = await runCheck(check as () => Promise<void>))));
      const ready = Object.values(results).every((r) => r.ok);
      res.writeHead(ready ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify({ ready, checks: results }));
      return true;
    };
  };
}
