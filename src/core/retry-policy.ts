/**
 * When to send a failed GitHub request again, and after how long. Pure: the caller gives the
 * failure, how many retries were made and how much time is left, and gets a wait or a no.
 *
 * GitHub answers a secondary rate limit with 403 or 429, usually with `retry-after`, sometimes
 * without (then clients back off on their own); a primary limit says `x-ratelimit-remaining: 0` and
 * when it resets; 5xx and network failures are transient. Anything else (401, 404, 422, …) is an
 * answer, not a fault.
 */
export interface FailedAnswer {
  status: number;
  headers: Record<string, string | number | undefined>;
  message: string;
  /** GraphQL answers a rate limit with 200 and an error of type RATE_LIMITED. */
  graphqlRateLimited?: boolean;
}

export interface RetryBudget {
  /** Retries already made for this request. */
  retries: number;
  /** Milliseconds left before the caller must have an answer (a webhook delivery's budget), if any. */
  remainingMs: number | undefined;
  /** The current time in ms since the epoch, to read `x-ratelimit-reset`. */
  nowMs: number;
}

export type RetryDecision = { retry: true; waitMs: number; why: string } | { retry: false; why: string };

export const MAX_RETRIES = 4;
/** Time kept for the retried request itself (and the rest of the plan) after the wait. */
const REQUEST_ALLOWANCE_MS = 500;
const LIMIT_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000];
const SERVER_BACKOFF_MS = [500, 1_000, 2_000, 4_000];

export function decideRetry(answer: FailedAnswer, budget: RetryBudget): RetryDecision {
  const kind = classify(answer);
  if (kind === null) return { retry: false, why: `status ${answer.status} is an answer, not a fault` };
  if (budget.retries >= MAX_RETRIES) return { retry: false, why: `gave up after ${budget.retries} retries` };
  const waitMs = waitFor(kind, answer, budget);
  if (budget.remainingMs !== undefined && waitMs + REQUEST_ALLOWANCE_MS > budget.remainingMs) {
    return { retry: false, why: `${kind}: waiting ${waitMs} ms would overrun the ${budget.remainingMs} ms left of the delivery's budget` };
  }
  return { retry: true, waitMs, why: kind };
}

type FaultKind = "secondary rate limit" | "primary rate limit" | "server error";

function classify(answer: FailedAnswer): FaultKind | null {
  if (answer.graphqlRateLimited) return "primary rate limit";
  if (answer.status === 403 || answer.status === 429) {
    if (header(answer, "x-ratelimit-remaining") === "0") return "primary rate limit";
    // A 403 without these is a permission answer ("Resource not accessible by integration").
    if (answer.status === 429 || header(answer, "retry-after") !== undefined || /\bsecondary rate\b/i.test(answer.message)) return "secondary rate limit";
    return null;
  }
  // @octokit/request reports a network failure as status 500.
  if (answer.status >= 500 && answer.status !== 501) return "server error";
  return null;
}

function waitFor(kind: FaultKind, answer: FailedAnswer, budget: RetryBudget): number {
  const retryAfter = Number(header(answer, "retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && header(answer, "retry-after") !== undefined) return Math.ceil(retryAfter * 1000);
  if (kind === "primary rate limit") {
    const reset = Number(header(answer, "x-ratelimit-reset"));
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - budget.nowMs) + 1_000;
  }
  const steps = kind === "server error" ? SERVER_BACKOFF_MS : LIMIT_BACKOFF_MS;
  return steps[Math.min(budget.retries, steps.length - 1)]!;
}

function header(answer: FailedAnswer, name: string): string | undefined {
  const value = answer.headers[name] ?? answer.headers[name.toLowerCase()];
  return value === undefined ? undefined : String(value);
}
