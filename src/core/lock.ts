import { answerIfStillWaiting } from "./deferred-answer.js";

/**
 * Serialises work on one key (an issue, a repository) inside this process, so two deliveries for
 * the same issue arriving together are decided one after the other: the second sees the first's
 * writes. Across replicas, sticky writes converge instead (see applyPlan).
 */
const tails = new Map<string, Promise<unknown>>();

export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key);
  // Behind another delivery for long, this one is answered early (see deferred-answer.ts).
  const stopWaiting = previous ? answerIfStillWaiting() : () => undefined;
  const start = () => {
    stopWaiting();
    return work();
  };
  const run = (previous ?? Promise.resolve()).then(start, start);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
