import type { Log } from "../core/log.js";
import { KEY_PREFIX, REPLICA_ID, sharedRedis, sharedSubscriber, SharedStateUnavailableError } from "./redis.js";

/**
 * Each replica keeps its caches (configuration, team answers, registry heads, label ids, the
 * calendar) in memory, and a webhook reaches only one replica. So the replica that received an
 * event publishes it, and every other replica drops what it makes stale exactly as the receiver
 * did (the same `note` function): a change is seen by every replica, not only by the one GitHub
 * happened to send it to. Without Redis there is one replica and nothing to publish.
 */
const CHANNEL = `${KEY_PREFIX}events`;

type Note = (event: string, payload: unknown) => Promise<void> | void;

const listeners = new Set<Note>();
let subscribed: Promise<void> | null = null;

/** Runs `note` for every event another replica received. Returns a function that stops it. */
export function onEventElsewhere(note: Note, log: Log): () => void {
  const subscriber = sharedSubscriber();
  if (!subscriber) return () => undefined;
  listeners.add(note);
  subscribed ??= subscribe(log);
  return () => listeners.delete(note);
}

async function subscribe(log: Log): Promise<void> {
  const subscriber = sharedSubscriber()!;
  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== CHANNEL) return;
    let parsed: { origin?: string; event?: string; payload?: unknown };
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    if (parsed.origin === REPLICA_ID || typeof parsed.event !== "string") return;
    for (const note of listeners) {
      Promise.resolve()
        .then(() => note(parsed.event!, parsed.payload))
        .catch((error) => log.warn({ err: error, event: parsed.event }, "could not apply another replica's event to the caches"));
    }
  });
  // ioredis subscribes again by itself after a reconnect (autoResubscribe).
  await subscriber.subscribe(CHANNEL).catch((error) => log.error({ err: error }, "could not subscribe to other replicas' events; retried on reconnect"));
}

/** Tells the other replicas about an event; a delivery that cannot is failed (503) and redelivered later. */
export async function publishEvent(event: string, payload: unknown): Promise<void> {
  const redis = sharedRedis();
  if (!redis) return;
  try {
    await redis.publish(CHANNEL, JSON.stringify({ origin: REPLICA_ID, event, payload }));
  } catch (error) {
    throw new SharedStateUnavailableError("telling the other replicas about the event", error);
  }
}
