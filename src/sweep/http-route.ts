import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { systemClock, type Clock } from "../core/clock.js";
import type { RouteHandler } from "../http/route-handler.js";
import type { AuthFn } from "./run-sweep.js";
import { SweepBusyError, sweepOnce } from "./sweep-once.js";
import { SharedStateUnavailableError } from "../shared-state/redis.js";

export const SWEEP_PATH = "/convener/sweep";

/** Constant-time comparison of two secrets of any length (both are hashed to 32 bytes first). */
export function isSameToken(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The app's authentication as the sweep runner wants it (app JWT without an id, installation with one). */
export function appAuth(app: Probot): AuthFn {
  return ((id?: number) => app.auth(id)) as unknown as AuthFn;
}

/**
 * `POST /convener/sweep` with `Authorization: Bearer $SWEEP_TOKEN`, for an external cron. Unknown
 * (404) while SWEEP_TOKEN is unset; 401 without a bearer token, 403 with a wrong one.
 */
export function createSweepRoute(app: Probot, env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): RouteHandler {
  const auth = appAuth(app);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "").split("?")[0];
    const token = env.SWEEP_TOKEN;
    if (path !== SWEEP_PATH || !token) return false;
    if (req.method !== "POST") return send(res, 405, { error: "use POST" }, { allow: "POST" });
    const header = req.headers.authorization ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return send(res, 401, { error: "missing bearer token" }, { "www-authenticate": "Bearer" });
    if (!isSameToken(m[1]!, token)) return send(res, 403, { error: "wrong token" });
    try {
      const report = await sweepOnce(auth, app.log, { env, clock });
      return send(res, 200, report);
    } catch (error) {
      if (error instanceof SweepBusyError) return send(res, 409, { error: error.message });
      if (error instanceof SharedStateUnavailableError) return send(res, 503, { error: "shared state (Redis) unavailable; try again" });
      app.log.error({ err: error }, "sweep over HTTP failed");
      return send(res, 500, { error: "sweep failed; see the server log" });
    }
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
  return true;
}
