import { AsyncLocalStorage } from "node:async_hooks";

/**
 * GitHub waits 10 s for a delivery's answer and asks apps to send writes one at a time, a second
 * apart. Under a burst, a delivery's own work takes a few round trips, but its turn in the write
 * queue (or behind another delivery for the same issue) can come many seconds later. Waiting for
 * that turn before answering would let the queue, not the work, decide whether GitHub times out.
 *
 * So a delivery is answered when its work is done, or as soon as waiting in a queue would keep its
 * answer past `ANSWER_BY_MS` after it arrived: the work then finishes after the answer, still in
 * order and under its issue's lock. A delivery whose work never queues behind others (the usual
 * case) is answered after its writes however long they take, so a failed write still fails the
 * delivery and GitHub shows it; a failure after an early answer is logged, and the sweep repairs it.
 */
const ANSWER_BY_MS = 1_500;

interface Answerable {
  answer: () => void;
  /** `performance.now()` when the delivery arrived. */
  arrivedAt: number;
}

const current = new AsyncLocalStorage<Answerable>();

/** Deliveries answered early whose work is still going on (for `/convener/pending` and tests' settling). */
let workAfterAnswer = 0;

export function countWorkAfterAnswer(): number {
  return workAfterAnswer;
}

/** Set on a webhook context answered early: the work still going on (the bench times its end). */
export const WORK_AFTER_ANSWER = Symbol("convener.workAfterAnswer");

export type Outcome<T> = { answered: "done"; value: T } | { answered: "early"; work: Promise<T> };

/**
 * Runs a delivery's work and resolves when it is done (rejecting as it does), or early, when the
 * work called `noteQueueWait` with a long wait: then the still-running work is returned.
 */
export function runUntilAnswered<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  let answer!: () => void;
  const early = new Promise<"early">((resolve) => (answer = () => resolve("early")));
  const running = current.run({ answer, arrivedAt: performance.now() }, work);
  const answeredEarly = early.then(() => {
    workAfterAnswer++;
    void running.then(() => workAfterAnswer--, () => workAfterAnswer--);
    return { answered: "early" as const, work: running };
  });
  return Promise.race([running.then((value) => ({ answered: "done" as const, value })), answeredEarly]);
}

/** The delivery the caller works for (an opaque token), so a queue can tell its own earlier writes from others'. */
export function currentDelivery(): object | undefined {
  return current.getStore();
}

/**
 * Called by a queue (the write spacer) before it makes the current delivery wait `waitMs`: a wait
 * that would carry the delivery past its answer time answers it now. Outside a delivery it does nothing.
 */
export function noteQueueWait(waitMs: number, answerByMs = ANSWER_BY_MS): void {
  const delivery = current.getStore();
  if (delivery && waitMs > 0 && performance.now() + waitMs > delivery.arrivedAt + answerByMs) delivery.answer();
}

/**
 * For a queue that cannot tell how long the wait will be (the issue lock, the writes ahead): answers
 * the current delivery if the wait is still going on at its answer time. Call the returned
 * function when the wait is over.
 */
export function answerIfStillWaiting(answerByMs = ANSWER_BY_MS): () => void {
  const delivery = current.getStore();
  if (!delivery) return () => undefined;
  const timer = setTimeout(() => delivery.answer(), Math.max(0, delivery.arrivedAt + answerByMs - performance.now()));
  return () => clearTimeout(timer);
}
