import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { defaultConfig } from "../config-schema.js";
import { createGitHubReader, type OctokitLike } from "../../core/github.js";
import { readIdentityFromEnv } from "../../core/identity.js";
import { readCachesOf } from "../../core/read-caches.js";
import type { RepoRef } from "../../core/plan.js";
import type { RouteHandler } from "../../http/route-handler.js";
import { collectPushedPaths } from "../meetings/agenda-path.js";
import { CalendarCache } from "./cache.js";
import { readRepoMeetings } from "./read-meetings.js";

const ROUTE = /^\/convener\/calendar(?:\/([^/]+))?\.ics$/;
const TAG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** `CALENDAR_REPOS=owner/repo,owner/repo2`: the repositories whose meetings the server publishes. */
export function parseCalendarRepos(value: string | undefined): RepoRef[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(s))
    .map((s) => {
      const [owner, repo] = s.split("/") as [string, string];
      return { owner, repo };
    });
}

const installations = new Map<string, number>();

/** For tests: forget the installation ids looked up so far. */
export function clearInstallationCache(): void {
  installations.clear();
}

/**
 * Reads a repository as the app's installation on its owner (only reads: the feed never writes).
 * The installation is found through `GET /app/installations` (app JWT) and remembered per owner;
 * an authorization failure forgets it (the app was uninstalled or reinstalled).
 */
async function installationOctokit(app: Probot, repo: RepoRef): Promise<OctokitLike & { config?: any }> {
  const owner = repo.owner.toLowerCase();
  let id = installations.get(owner);
  if (id === undefined) {
    const appOctokit = await app.auth();
    // Read whole (one request per 100 installations), and only when the feed's installation is not cached.
    const all = (await appOctokit.paginate("GET /app/installations", { per_page: 100 })) as { id: number; account: { login?: string } | null }[];
    id = all.find((i) => i.account?.login?.toLowerCase() === owner)?.id;
    if (id === undefined) throw new Error(`the app is not installed on ${repo.owner}`);
    installations.set(owner, id);
  }
  return (await app.auth(id)) as unknown as OctokitLike;
}

export function createCalendarCache(app: Probot, repos: RepoRef[]): CalendarCache {
  const identity = readIdentityFromEnv();
  return new CalendarCache({
    repos,
    log: app.log,
    async load(repo) {
      const octokit = await installationOctokit(app, repo);
      try {
        // The same bounded reading and the same cache as a webhook's (config-files.ts, read-caches.ts):
        // `config` is never called with an Octokit.
        const loaded = await readCachesOf(app).loadConfig({ octokit, repo: () => ({ owner: repo.owner, repo: repo.repo }), config: async () => null });
        if (!loaded.ok) app.log.warn({ repo, problems: loaded.problems }, "invalid .github/convener.yml; calendar uses the defaults");
        return await readRepoMeetings(createGitHubReader(octokit), repo, loaded.ok ? loaded.config : defaultConfig, identity);
      } catch (error) {
        if ([401, 403, 404].includes((error as { status?: number }).status ?? 0)) installations.delete(repo.owner.toLowerCase());
        throw error;
      }
    },
  });
}

/**
 * Marks a served repository stale: a default-branch push that touches what its meetings are read
 * from, or any change to an issue (a notes issue, the app's own new one included, gives a meeting
 * its URL). Payloads are hostile too: a malformed one is ignored, never a failed delivery.
 */
export function invalidateCalendar(cache: CalendarCache, event: string, payload: any): void {
  const repo = payload?.repository;
  if (typeof repo?.full_name !== "string" || !cache.isServed(repo.full_name)) return;
  if (event !== "push") {
    cache.invalidate(repo.full_name);
  } else if (payload.ref === `refs/heads/${repo.default_branch}`) {
    cache.invalidate(repo.full_name, collectPushedPaths(Array.isArray(payload.commits) ? payload.commits : []));
  }
}

/**
 * `GET /convener/calendar.ics` (every meeting) and `GET /convener/calendar/<group-tag>.ics`, with
 * ETag / If-None-Match. Events mark the cache stale (`invalidateCalendar`); nothing is read per request.
 */
export function calendarRoute(app: Probot, cache: CalendarCache): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, "text/plain", "GET only\n", { allow: "GET, HEAD" });
    const tag = match[1] ? decodeTag(match[1]) : undefined;
    if (tag !== undefined && !TAG.test(tag)) return reply(res, 404, "text/plain", "unknown group tag\n");
    let feed;
    try {
      if (tag !== undefined && !(await cache.hasTag(tag))) return reply(res, 404, "text/plain", "unknown group tag\n");
      feed = await cache.feed(tag);
    } catch (error) {
      app.log.error({ err: error }, "calendar feed failed");
      return reply(res, 503, "text/plain", "calendar unavailable, try again later\n");
    }
    const headers = { etag: feed.etag, "cache-control": "public, max-age=300" };
    if (matchesEtag(req.headers["if-none-match"], feed.etag)) return reply(res, 304, undefined, undefined, headers);
    return reply(res, 200, "text/calendar; charset=utf-8", req.method === "HEAD" ? undefined : feed.body, headers);
  };
}

/** A malformed escape (`%E0%A4%A`) makes decodeURIComponent throw: that is an unknown tag, not a crash. */
function decodeTag(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return false;
  return value.split(",").some((v) => v.trim() === "*" || v.trim().replace(/^W\//, "") === etag);
}

function reply(res: ServerResponse, status: number, type?: string, body?: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, { ...(type ? { "content-type": type } : {}), ...headers });
  res.end(body);
  return true;
}
