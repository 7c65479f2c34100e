import { describe, expect, test } from "@jest/globals";
import { decideRetry, MAX_RETRIES, type FailedAnswer } from "../../src/core/retry-policy.js";

const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
/** `remainingMs` null: outside a delivery (a sweep, the CLI). */
const budget = (retries = 0, remainingMs: number | null = 8_000) => ({ retries, remainingMs: remainingMs ?? undefined, nowMs: 1_000_000 });
const answer = (status: number, headers: FailedAnswer["headers"] = {}, message = ""): FailedAnswer => ({ status, headers, message });

describe("retry policy", () => {
  test("a secondary limit (403 or 429) waits retry-after, then backs off without it", () => {
    expect(decideRetry(answer(403, { "retry-after": "2" }, SECONDARY), budget())).toMatchObject({ retry: true, waitMs: 2_000 });
    expect(decideRetry(answer(429, { "retry-after": "1" }), budget())).toMatchObject({ retry: true, waitMs: 1_000 });
    expect(decideRetry(answer(403, {}, SECONDARY), budget(0))).toMatchObject({ retry: true, waitMs: 1_000 });
    expect(decideRetry(answer(429, {}), budget(1))).toMatchObject({ retry: true, waitMs: 2_000 });
  });

  test("a 403 that is a permission answer, and 4xx answers, are not retried", () => {
    expect(decideRetry(answer(403, {}, "Resource not accessible by integration"), budget()).retry).toBe(false);
    for (const status of [400, 401, 404, 410, 422]) expect(decideRetry(answer(status), budget()).retry).toBe(false);
    expect(decideRetry(answer(0, {}, "Convener refused POST"), budget()).retry).toBe(false);
  });

  test("5xx and network failures back off from half a second", () => {
    expect(decideRetry(answer(502), budget(0))).toMatchObject({ retry: true, waitMs: 500 });
    expect(decideRetry(answer(500), budget(2))).toMatchObject({ retry: true, waitMs: 2_000 });
  });

  test("never past the delivery's budget, never more than MAX_RETRIES", () => {
    expect(decideRetry(answer(429, { "retry-after": "60" }), budget(0, 8_000)).retry).toBe(false);
    expect(decideRetry(answer(429, { "retry-after": "60" }), budget(0, null))).toMatchObject({ retry: true, waitMs: 60_000 });
    expect(decideRetry(answer(502), budget(MAX_RETRIES, null)).retry).toBe(false);
  });

  test("a primary limit waits for its reset when that fits, and GraphQL's RATE_LIMITED counts as one", () => {
    const reset = String(1_000 + 3); // three seconds after nowMs
    expect(decideRetry(answer(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }), budget())).toMatchObject({ retry: true, waitMs: 4_000 });
    expect(decideRetry({ ...answer(200), graphqlRateLimited: true }, budget()).retry).toBe(true);
  });
});
