import { randomUUID } from "node:crypto";
import type { StandIn } from "../../sandbox/src/stand-in.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";

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
