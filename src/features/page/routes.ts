import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { Clock } from "../../core/clock.js";
import type { RouteHandler } from "../../http/route-handler.js";
import { recordOpenVotes } from "../../metrics/record.js";
import type { PageCache } from "./cache.js";
import type { GovernanceView } from "./model.js";
import { renderPage, type PageOptions } from "./render.js";

const INDEX = /^\/convener\/?$/;
const COMMUNITY = /^\/convener\/([A-Za-z0-9_.-]{1,100})\/([A-Za-z0-9_.-]{1,100})\/?$/;

/** Links of the served page: absolute paths under `/convener/`. */
export const serverLinks: Pick<PageOptions, "indexHref" | "repoHref"> = {
  indexHref: "/convener/",
  repoHref: (repo) => `/convener/${repo.split("/").map(encodeURIComponent).join("/")}/`,
};

/**
 * `GET /convener/` (every community) and `GET /convener/<owner>/<repo>/`: the governance page,
 * rendered on the server from the cache (no request to GitHub while the data is fresh).
 */
export function pageRoute(app: Probot, clock: Clock, cache: PageCache): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const community = COMMUNITY.exec(path);
    if (!INDEX.test(path) && !community) return false;
    if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, "GET only\n", "text/plain", { allow: "GET, HEAD" });
    let views: GovernanceView[];
    try {
      if (community) {
        const view = await cache.view(`${community[1]}/${community[2]}`);
        if (!view) return reply(res, 404, "Convener does not serve a community at this address.\n", "text/plain");
        views = [view];
      } else {
        views = await cache.views();
      }
    } catch (error) {
      app.log.error({ err: error }, "governance page failed");
      return reply(res, 503, "The governance page is unavailable; try again later.\n", "text/plain");
    }
    for (const v of views) recordOpenVotes(v.repo, v.votes.length);
    const html = renderPage(views, { now: clock(), ...serverLinks }, Boolean(community));
    return reply(res, 200, req.method === "HEAD" ? undefined : html, "text/html; charset=utf-8", {
      "cache-control": "public, max-age=60",
      // No script runs on the page: a hostile title that slipped past escaping could not run one either.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      // The server's own time for this answer (reads, when the data was stale, and rendering): the bench reads it.
      "server-timing": `page;dur=${(performance.now() - started).toFixed(1)}`,
    });
  };
}

function reply(res: ServerResponse, status: number, body: string | undefined, type: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, { "content-type": type, ...headers });
  res.end(body);
  return true;
}
