import { AsyncLocalStorage } from "node:async_hooks";

/**
 * GitHub waits 10 s for a delivery's answer and asks apps to send writes one at a time, a second
 * apart. Under a burst, a delivery's own work takes a few round trips, but its turn in the write
 * queue (or behind another delivery for the same issue) can come many seconds later. Waiting for
 * that turn before answering would let the queue, not the work, decide whether GitHub times out.
 *
 * So a delivery is answered when its work is done, or as soon as the work starts waiting in a
 * queue for longer than `QUEUE_WAIT_BEFORE_ANSWER_MS`: the work then finishes after the answer,
 * still in order and under its issue's lock. A delivery whose work never queues behind others
 * (the usual case) is answered after its writes, so a failed write still fails the delivery and
 * GitHub shows it; a failure after an early answer is logged, and the next sweep repairs it.
 */
export const QUEUE_WAIT_BEFORE_ANSWER_MS = 1_000;

interface Answerable {
  answer: () => void;
}

const current = new AsyncLocalStorage<Answerable>();

/** Deliveries answered early whose work is still going on (for `/convener/pending` and tests' settling). */
let workAfterAnswer = 0;

export function countWorkAfterAnswer(): number {
  return workAfterAnswer;
}

export type Outcome<T> = { answered: "done"; value: T } | { answered: "early"; work: Promise<T> };

/**
 * Runs a delivery's work and resolves when it is done (rejecting as it does), or early, when the
 * work called `noteQueueWait` with a long wait: then the still-running work is returned.
 */
export function runUntilAnswered<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  let answer!: () => void;
  const early = new Promise<"early">((resolve) => (answer = () => resolve("early")));
  const running = current.run({ answer }, work);
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
 * Called by a queue (the write spacer, the issue lock) before it makes the current delivery wait:
 * a wait longer than the threshold answers the delivery now. Outside a delivery it does nothing.
 */
export function noteQueueWait(waitMs: number, thresholdMs = QUEUE_WAIT_BEFORE_ANSWER_MS): void {
  if (waitMs > thresholdMs) current.getStore()?.answer();
}

/**
 * For a queue that cannot tell how long the wait will be (the issue lock): answers the current
 * delivery if the wait is still going on after the threshold. Call the returned function when the
 * wait is over.
 */
export function answerIfStillWaiting(thresholdMs = QUEUE_WAIT_BEFORE_ANSWER_MS): () => void {
  const delivery = current.getStore();
  if (!delivery) return () => undefined;
  const timer = setTimeout(() => delivery.answer(), thresholdMs);
  return () => clearTimeout(timer);
}
