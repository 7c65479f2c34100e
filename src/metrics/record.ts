import { deliveries, githubRequests, handlerDuration, openVotes, rateLimitRemaining, sweepDeferred, sweepRuns, writes } from "./registry.js";

/** What a request looks like to Octokit's `request` hook. */
interface RequestOptions {
  method?: string;
  url?: string;
  query?: unknown;
}

/** REST read or write, GraphQL query or mutation (a document with a mutation anywhere is a mutation). */
export function classifyRequest(options: RequestOptions): string {
  const method = (options.method ?? "GET").toUpperCase();
  if (/\/graphql$/.test(options.url ?? "")) return typeof options.query === "string" && /\bmutation\b/.test(options.query) ? "graphql_mutation" : "graphql_query";
  return method === "GET" || method === "HEAD" ? "rest_read" : "rest_write";
}

/**
 * An Octokit `hook.wrap("request", …)` that counts each request by kind and status and keeps the
 * rate limit GitHub reports. It passes the answer or the error on untouched.
 */
export async function countGitHubRequest<T>(request: (options: any) => Promise<T>, options: RequestOptions): Promise<T> {
  const kind = classifyRequest(options);
  try {
    const response = await request(options);
    noteAnswer(kind, (response as { status?: number })?.status ?? 200, (response as { headers?: Record<string, unknown> })?.headers);
    return response;
  } catch (error) {
    const e = error as { status?: unknown; response?: { headers?: Record<string, unknown> } };
    noteAnswer(kind, typeof e?.status === "number" ? e.status : 0, e?.response?.headers);
    throw error;
  }
}

function noteAnswer(kind: string, status: number, headers: Record<string, unknown> | undefined): void {
  githubRequests.inc({ kind, status: String(status) });
  const remaining = Number(headers?.["x-ratelimit-remaining"]);
  if (headers?.["x-ratelimit-remaining"] !== undefined && Number.isFinite(remaining)) {
    rateLimitRemaining.set({ resource: String(headers["x-ratelimit-resource"] ?? "core") }, remaining);
  }
}

/** Where a delivery's answer ended: set on the context by dispatch when its work goes on after the answer. */
export type DeliveryOutcome = "ok" | "answered_early" | "failed";

/**
 * Wraps a webhook handler: times it and counts it by event and outcome. `outcomeOf` tells an early
 * answer from a finished one (dispatch marks the context); a throw is a failed delivery.
 */
export function measureDeliveries<C extends { name: string; payload: any }>(
  handler: (context: C) => Promise<void>, isAnsweredEarly: (context: C) => boolean,
): (context: C) => Promise<void> {
  return async (context) => {
    const event = labelOfEvent(context.name, context.payload?.action);
    const stop = handlerDuration.startTimer({ event });
    let outcome: DeliveryOutcome = "failed";
    try {
      await handler(context);
      outcome = isAnsweredEarly(context) ? "answered_early" : "ok";
    } finally {
      stop();
      deliveries.inc({ event, outcome });
    }
  };
}

/**
 * The `event` label: GitHub's event and action names only. A malformed delivery's action (any
 * string) would otherwise make a new time series per value.
 */
export function labelOfEvent(name: string, action: unknown): string {
  const word = /^[a-z_]{1,40}$/;
  const base = word.test(name) ? name : "other";
  if (action === undefined || action === null) return base;
  return `${base}.${typeof action === "string" && word.test(action) ? action : "other"}`;
}

/** One sweep run's report: run counted, writes applied, actions left over the cap. */
export function recordSweepRun(report: { applied: number; left: number; repositories: { errors: string[] }[] }): void {
  sweepRuns.inc({ outcome: report.repositories.some((r) => r.errors.length > 0) ? "errors" : "ok" });
  writes.inc({ source: "sweep" }, report.applied);
  sweepDeferred.set(report.left);
}

/** The governance page read a community's open votes. */
export function recordOpenVotes(repo: string, count: number): void {
  openVotes.set({ repo }, count);
}
