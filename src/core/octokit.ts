import { ProbotOctokit } from "probot";
import { isReadRequest } from "./write-guard.js";

/**
 * The Octokit the server and the sweep use. Octokit's throttle queues every GraphQL request, reads
 * included, in its write queue (one request per second for the whole process), so a burst of
 * webhooks that only read waits seconds and nears GitHub's 10-second delivery limit. Here GraphQL
 * queries and REST reads go straight out, and only real writes (REST non-GET, GraphQL mutations)
 * keep GitHub's one-per-second spacing for content-creating requests. Rate-limit and
 * secondary-rate-limit retries stay as Probot configures them.
 */
const DEFAULT_WRITE_GAP_MS = 1000;

/** A stand-in for the throttle's write group that never waits: reads are not writes. */
const unqueued = { key: () => ({ schedule: <T>(_options: unknown, job: () => Promise<T>) => job() }) };

export interface WriteSpacing {
  gapMs: number;
  /** When the next write may start (ms since the epoch); shared by every instance of the class. */
  next: number;
}

export function createWriteSpacer(gapMs: number, clock: () => number = Date.now) {
  const state: WriteSpacing = { gapMs, next: 0 };
  return async function waitForWriteSlot(): Promise<void> {
    const now = clock();
    const start = Math.max(now, state.next);
    state.next = start + state.gapMs; // reserve before waiting, so concurrent writes queue up in order
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  };
}

export function createConvenerOctokit(writeGapMs = DEFAULT_WRITE_GAP_MS): typeof ProbotOctokit {
  const waitForWriteSlot = createWriteSpacer(writeGapMs);
  const Spaced = ProbotOctokit.plugin((octokit: any) => {
    octokit.hook.before("request", async (options: { method?: string; url?: string; query?: unknown }) => {
      if (!isReadRequest(options) && !isTokenRequest(options)) await waitForWriteSlot();
    });
  });
  return Spaced.defaults((options: any) => ({
    ...options,
    throttle: { ...options.throttle, write: unqueued },
  })) as typeof ProbotOctokit;
}

/** Creating an installation token is authentication, not content: never spaced. */
function isTokenRequest(options: { method?: string; url?: string }): boolean {
  return /\/app\/installations\/[^/]+\/access_tokens$/.test(options.url ?? "");
}

export const ConvenerOctokit = createConvenerOctokit();
