import { randomUUID } from "node:crypto";
import type { StandIn } from "../../sandbox/src/stand-in.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";

/**
 * Holds back the deliveries of `act` (GitHub was told nowhere to deliver them) and returns them, so
 * a test can send them later, rewritten, or not at all.
 */
export function holdDeliveries(standIn: StandIn, act: () => void): Delivery[] {
  const url = standIn.webhooks.url;
  const from = standIn.webhooks.deliveries.length;
  standIn.webhooks.url = undefined;
  try {
    act();
  } finally {
    standIn.webhooks.url = url;
  }
  return standIn.webhooks.deliveries.slice(from);
}

/**
 * Sends a new signed delivery built from a recorded one: GitHub sends payloads the stand-in's
 * control API does not produce (a `check_suite` rerequest, a check run of a fork PR that lists no
 * pull requests), and these are the same events with GitHub's other shape.
 */
export async function sendRewritten(standIn: StandIn, from: Delivery, rewrite: (payload: any) => { event: string; payload: any }): Promise<Delivery> {
  const { event, payload } = rewrite(JSON.parse(from.body));
  const delivery: Delivery = {
    id: randomUUID(), event, body: JSON.stringify(payload), at: new Date().toISOString(),
    ...(typeof payload.action === "string" ? { action: payload.action } : {}),
  };
  standIn.webhooks.deliveries.push(delivery);
  return standIn.webhooks.post(delivery);
}
