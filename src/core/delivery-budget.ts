import { AsyncLocalStorage } from "node:async_hooks";

/**
 * GitHub waits 10 s for a delivery's answer, and Probot's middleware answers 202 "still
 * processing" at 9 s, after which a failure can no longer be reported. Work done for a delivery
 * runs inside `withDeliveryBudget`, so the Octokit's retries know how long they may still wait.
 */
export const DELIVERY_BUDGET_MS = 7_500; // leaves 1.5 s of the middleware's 9 s for the last attempt and the reply

const deadlines = new AsyncLocalStorage<number>();

/** `monotonicMs` is `performance.now()`: elapsed time, never the wall clock (which tests shift). */
export function withDeliveryBudget<T>(work: () => Promise<T>, budgetMs = DELIVERY_BUDGET_MS, monotonicMs: () => number = () => performance.now()): Promise<T> {
  return deadlines.run(monotonicMs() + budgetMs, work);
}

/** Milliseconds left for the current delivery; undefined outside one (a sweep, the CLI). */
export function remainingDeliveryMs(monotonicMs: () => number = () => performance.now()): number | undefined {
  const deadline = deadlines.getStore();
  return deadline === undefined ? undefined : deadline - monotonicMs();
}
