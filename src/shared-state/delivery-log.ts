import type { Log } from "../core/log.js";
import { KEY_PREFIX, sharedRedis, SharedStateUnavailableError } from "./redis.js";

/**
 * Deliveries already handled, so a redelivery (GitHub's, or a replayed request) has no second
 * effect. A delivery is recorded only after its work succeeded: a failed one is handled again when
 * redelivered. Read and recorded under the lock, so duplicates in flight together wait for
 * the first and then skip. GitHub redelivers for a few days at most; the record outlives that.
 *
 * Without Redis nothing is recorded (one replica, as before: sticky writes make a redelivery converge).
 */
const KEEP_SECONDS = 8 * 24 * 60 * 60;

const keyOf = (id: string) => `${KEY_PREFIX}delivery:${id}`;

export async function wasDeliveryHandled(id: string | undefined): Promise<boolean> {
  const redis = sharedRedis();
  if (!redis || !id) return false;
  try {
    return (await redis.exists(keyOf(id))) === 1;
  } catch (error) {
    throw new SharedStateUnavailableError("reading the delivery log", error);
  }
}

/** Best effort: the work is done; failing the delivery now would only make a redelivery repeat it. */
export async function recordDeliveryHandled(id: string | undefined, log: Log): Promise<void> {
  const redis = sharedRedis();
  if (!redis || !id) return;
  try {
    await redis.set(keyOf(id), String(Date.now()), "EX", KEEP_SECONDS);
  } catch (error) {
    log.warn({ err: error, delivery: id }, "could not record the delivery as handled; a redelivery would run it again (sticky writes converge)");
  }
}
