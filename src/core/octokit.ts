import pLimit from "p-limit";
import { ProbotOctokit } from "probot";
import { answerIfStillWaiting, currentDelivery, noteQueueWait } from "./deferred-answer.js";
import { remainingDeliveryMs } from "./delivery-budget.js";
import { decideRetry, type FailedAnswer } from "./retry-policy.js";
import { isReadRequest } from "./write-guard.js";
import { asSharedStateFailure, repairThrottleConnection } from "../shared-state/throttle-connection.js";
import { ownerIdOf, sharedWriteLane, type SharedWriteLane, type WriteTurn } from "../shared-state/write-lane.js";
import { countGitHubRequest } from "../metrics/record.js";

/**
 * The Octokit the server and the sweep use. Octokit's throttle queues every GraphQL request, reads
 * included, in its write queue (one request per second for the whole process), so a burst of
 * webhooks that only read waits seconds and nears GitHub's 10-second delivery limit. Here GraphQL
 * queries and REST reads go straight out, and only real writes (REST non-GET, GraphQL mutations)
 * keep GitHub's one-per-second spacing for content-creating requests.
 *
 * Retries are this Octokit's own (see retry-policy.ts), for every request alike: Probot's server
 * configures the throttle to give up on a secondary rate limit, and plugin-retry never retries a
 * 403 and ignores `retry-after` on a 429, so a rate-limited label write used to fail silently.
 * Both are turned off here so a request is never retried twice over.
 */
const DEFAULT_WRITE_GAP_MS = 1000;

/**
 * Stand-ins for the throttle's Bottleneck groups and retry limiter that never wait. Writes are spaced
 * by `createWriteSpacer` (content writes included: the throttle's own 3-second `notifications` group
 * is replaced by its one second), retries are `retrying`'s, and the cap on requests in flight is
 * `inFlight`'s, so Bottleneck had nothing left to do but its own scheduling, which cost each request
 * some 10 ms of timers (two limiters, each a few `setTimeout`s): a tenth of an event's margin over
 * its one read and one write. The plugin still turns a rate-limited GraphQL answer into an error.
 */
const unqueued = { key: () => ({ schedule: <T>(_options: unknown, job: (...args: any[]) => Promise<T>, ...args: unknown[]) => job(...args) }) };
const unlimited = { schedule: <T>(job: (...args: any[]) => Promise<T>, ...args: unknown[]) => job(...args), on: () => undefined };

/**
 * At most this many of the process's requests in flight at once (the cap the throttle's global group
 * kept): a burst of deliveries must not open hundreds of connections to GitHub, which counts
 * concurrent requests against its secondary limit. Token requests are outside it: a request waiting
 * for its installation's token must never wait for a slot its own kind holds.
 */
const MAX_REQUESTS_IN_FLIGHT = 10;
const inFlight = pLimit(MAX_REQUESTS_IN_FLIGHT);

/**
 * GitHub asks apps to send writes one at a time, never concurrently, and at least a second apart.
 * A write waits until the previous write of the same installation has been answered, and then,
 * when that write was another delivery's (or made outside one), until `gapMs` have passed since
 * that answer (counted from the end, so a slow write never brings the next one closer). Writes of different installations do not wait
 * for each other. Each attempt of a retried write takes its own turn.
 *
 * A delivery kept waiting here by OTHER deliveries' writes is answered early (deferred-answer.ts);
 * waiting after its own previous write (a label created first) does not count.
 */
export function createWriteSpacer(gapMs: number, clock: () => number = Date.now, sharedLane: () => SharedWriteLane | null = () => null) {
  const lanes = new Map<string, { tail: Promise<void>; lastEnd: number; lastOwner: object | undefined; queued: number }>();
  return async function sendSpaced<T>(key: string, send: () => Promise<T>): Promise<T> {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { tail: Promise.resolve(), lastEnd: Number.NEGATIVE_INFINITY, lastOwner: undefined, queued: 0 }));
    const previous = lane.tail;
    let release!: () => void;
    lane.tail = new Promise((resolve) => (release = resolve)); // reserved before waiting: writes keep their order
    const owner = currentDelivery();
    const stopWaiting = lane.queued > 0 ? answerIfStillWaiting() : () => undefined;
    let turn: WriteTurn | null = null;
    lane.queued++;
    try {
      await previous;
      const shared = sharedLane();
      // Several replicas: the installation's turn is also taken across them (shared-state/write-lane.ts).
      const waitShared = shared ? answerIfStillWaiting() : () => undefined;
      turn = shared ? await shared.take(key).finally(waitShared) : null;
      stopWaiting();
      // The second between writes separates events: a delivery's own writes (a label made, then the
      // document using it) follow each other at once, still one at a time.
      const ownTurn = turn ? owner !== undefined && turn.lastOwner === ownerIdOf(owner) : owner !== undefined && lane.lastOwner === owner;
      const wait = ownTurn ? 0 : Math.max(lane.lastEnd, turn?.lastEnd ?? Number.NEGATIVE_INFINITY) + gapMs - clock();
      noteQueueWait(wait);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return await send();
    } finally {
      lane.lastEnd = clock();
      lane.lastOwner = owner;
      lane.queued--;
      await turn?.finish(lane.lastEnd, ownerIdOf(owner));
      release();
    }
  };
}

export function createConvenerOctokit(writeGapMs = DEFAULT_WRITE_GAP_MS): typeof ProbotOctokit {
  const sendSpaced = createWriteSpacer(writeGapMs, Date.now, sharedWriteLane);
  const Spaced = ProbotOctokit.plugin((octokit: any, octokitOptions: any) => {
    const installation = String(octokitOptions.auth?.installationId ?? "app");
    octokit.hook.wrap("request", countGitHubRequest); // innermost: every attempt counted with its own status
    octokit.hook.wrap("request", (request: RequestFn, options: { method?: string; url?: string }) =>
      isTokenRequest(options) ? request(options) : inFlight(() => request(options)));
    // Registered first, so it runs inside the retry wrapper: every attempt keeps the write spacing,
    // and a retry's wait does not hold up the installation's other writes.
    octokit.hook.wrap("request", (request: RequestFn, options: { method?: string; url?: string; query?: unknown }) =>
      isReadRequest(options) || isTokenRequest(options) ? request(options) : sendSpaced(installation, () => request(options)));
    if (octokitOptions.convenerRetries !== false) octokit.hook.wrap("request", retrying(octokit));
  });
  return Spaced.defaults((options: any) => {
    // REDIS_URL: Probot clusters the throttle in Redis; it must survive a Redis restart.
    repairThrottleConnection(options.throttle?.connection);
    return {
      ...options,
      // plugin-retry off, not merely at zero retries: at zero it still made a Bottleneck per request
      // (a few ms each). `retry: { enabled: false }` from the caller turns off this Octokit's own
      // retries; kept as given when Probot makes an installation's Octokit from these options again.
      retry: { ...options.retry, enabled: false },
      convenerRetries: options.convenerRetries ?? options.retry?.enabled !== false,
      throttle: {
        ...options.throttle,
        // Token requests (rare: one an hour per installation) and searches (unused) keep the
        // throttle's own one-at-a-time groups.
        global: unqueued, notifications: unqueued, write: unqueued, retryLimiter: unlimited,
        onSecondaryRateLimit: logLimit("secondary"), onRateLimit: logLimit("primary"),
      },
    };
  }) as typeof ProbotOctokit;
}

type RequestFn = (options: any) => Promise<any>;

/** Sends the request, and again after a rate limit or a transient failure while the policy allows. */
function retrying(octokit: Logged) {
  return async (request: RequestFn, options: any): Promise<any> => {
    for (let retries = 0; ; retries++) {
      let answer: FailedAnswer;
      let outcome: { response: any } | { error: unknown };
      try {
        const response = await request(options);
        if (isGraphqlServerFailure(response)) {
          // GitHub's answer to a query that timed out on its side: a 500 in all but status.
          answer = { status: 500, headers: response.headers ?? {}, message: String(response.data.errors[0].message) };
          outcome = { response };
        } else if (!isGraphqlRateLimited(response)) {
          return response;
        } else {
          answer = { status: response.status, headers: response.headers ?? {}, message: "GraphQL rate limit", graphqlRateLimited: true };
          // Given up, the answer goes back as it came: the GraphQL client turns it into its error.
          outcome = { response };
        }
      } catch (error) {
        // Redis (the shared write lane, or the token requests' clustered throttle) failed, not GitHub:
        // no retry, the delivery fails with 503.
        const shared = asSharedStateFailure(error);
        if (shared) throw shared;
        answer = toAnswer(error);
        outcome = { error };
      }
      const decision = decideRetry(answer, { retries, remainingMs: remainingDeliveryMs(), nowMs: Date.now() });
      if (!decision.retry) {
        if (retries > 0) octokit.log?.warn({ method: options.method, url: options.url, status: answer.status, retries }, `giving up: ${decision.why}`);
        if ("error" in outcome) throw outcome.error;
        return outcome.response;
      }
      octokit.log?.warn({ method: options.method, url: options.url, status: answer.status, waitMs: decision.waitMs, retry: retries + 1 }, `${decision.why}: retrying in ${decision.waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, decision.waitMs));
    }
  };
}

interface Logged {
  log?: { warn: (o: object, m: string) => void };
}

function toAnswer(error: unknown): FailedAnswer {
  const e = error as { status?: unknown; message?: unknown; response?: { headers?: Record<string, string> } };
  // No status: not a GitHub answer (a refused write, a bug): status 0 is never retried.
  return { status: typeof e?.status === "number" ? e.status : 0, headers: e?.response?.headers ?? {}, message: String(e?.message ?? "") };
}

function isGraphqlServerFailure(response: { data?: { errors?: { message?: string }[] } }): boolean {
  return /Something went wrong while executing your query/.test(String(response?.data?.errors?.[0]?.message ?? ""));
}

function isGraphqlRateLimited(response: { data?: { errors?: { type?: string }[] } }): boolean {
  return Array.isArray(response?.data?.errors) && response.data!.errors!.some((e) => e?.type === "RATE_LIMITED");
}

/** The throttle only reports limits; retrying is the wrapper's job (returning false = no retry). */
function logLimit(kind: string) {
  return (retryAfter: number, options: { method?: string; url?: string }, octokit: { log?: { debug?: (m: string) => void } }) => {
    octokit?.log?.debug?.(`${kind} rate limit on ${options.method} ${options.url} (retry-after ${retryAfter} s); the retry wrapper decides`);
    return false;
  };
}

/** Creating an installation token is authentication, not content: never spaced. */
function isTokenRequest(options: { method?: string; url?: string }): boolean {
  return /\/app\/installations\/[^/]+\/access_tokens$/.test(options.url ?? "");
}

export const ConvenerOctokit = createConvenerOctokit();
