import type { RequestRecord, StandIn } from "../../sandbox/src/stand-in.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";

/** The requests the app made while it handled one delivery (deliveries are sent one at a time). */
export function requestsDuring(standIn: StandIn, delivery: Delivery): RequestRecord[] {
  if (delivery.sentAt === undefined || delivery.answeredAt === undefined) throw new Error(`delivery ${delivery.id} was not answered`);
  return standIn.requests.filter((r) => r.at >= delivery.sentAt! && r.at <= delivery.answeredAt!);
}

/** The latest delivery of `event` (and `action`, when given) the stand-in sent. */
export function lastDelivery(standIn: StandIn, event: string, action?: string): Delivery {
  const found = standIn.webhooks.deliveries.filter((d) => d.event === event && (action === undefined || d.action === action)).at(-1);
  if (!found) throw new Error(`no ${event}${action ? `.${action}` : ""} delivery`);
  return found;
}

/**
 * Runs `act` with the app's webhook URL unset: its changes are recorded and their deliveries kept,
 * but none reaches the app (as if GitHub had not sent them yet). Returns those deliveries.
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

/** Sends a payload as a signed delivery of `event`, as GitHub would (say, a damaged or hand-built one), and waits for the app's answer. */
export function deliverPayload(standIn: StandIn, event: string, payload: unknown): Promise<Delivery> {
  const body = JSON.stringify(payload);
  const delivery: Delivery = { id: `test-${standIn.webhooks.deliveries.length}-${event}`, event, body, at: new Date().toISOString() };
  standIn.webhooks.deliveries.push(delivery);
  return standIn.webhooks.post(delivery);
}

/** `METHOD path-in-repo` or `METHOD Operation`, for comparing request logs. */
export function describeRequest(r: RequestRecord): string {
  return `${r.method} ${r.operation ?? r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`;
}
