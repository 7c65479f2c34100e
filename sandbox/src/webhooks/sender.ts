import { createHmac, randomUUID } from "node:crypto";

/** One webhook delivery as the stand-in sent it (redeliveries reuse the id and the exact body). */
export interface Delivery {
  id: string;
  event: string;
  action?: string;
  body: string;
  status?: number;
  ms?: number;
  error?: string;
  at: string;
  /** `Date.now()` when sent and when answered: requests in between are the app's work for it. */
  sentAt?: number;
  answeredAt?: number;
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export const GITHUB_TIMEOUT_MS = 10_000; // GitHub gives up on a delivery after 10 s

/**
 * Sends GitHub-style signed deliveries to the app's webhook URL, one after the other in the order
 * the changes happened (as GitHub mostly does), and records each with the app's status and time.
 */
export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  url: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** Called after every delivery: the demo prints them. */
  onDelivered: ((delivery: Delivery) => void) | undefined;

  constructor(private readonly secret: string, private readonly installationTarget: number) {}

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Queues a delivery of a new event; returns its id at once (GitHub answers the API call first). */
  enqueue(event: string, payload: Record<string, unknown>): Delivery {
    const delivery: Delivery = {
      id: randomUUID(),
      event,
      ...(typeof payload.action === "string" ? { action: payload.action } : {}),
      body: JSON.stringify(payload),
      at: new Date().toISOString(),
    };
    this.deliveries.push(delivery);
    const url = this.url; // where GitHub was told to deliver when the change happened
    this.pending++;
    this.queue = this.queue.then(() => (url ? this.post(delivery, signBody(delivery.body, this.secret), url) : delivery)).finally(() => this.pending--);
    return delivery;
  }

  /** Sends a recorded delivery again, exactly as before (GitHub's "Redeliver"), and waits for the reply. */
  async redeliver(id: string): Promise<Delivery> {
    const original = this.deliveries.find((d) => d.id === id);
    if (!original) throw new Error(`no delivery ${id}`);
    const again: Delivery = { ...original, at: new Date().toISOString() };
    delete again.status;
    delete again.ms;
    delete again.error;
    this.deliveries.push(again);
    await this.post(again);
    return again;
  }

  /** Posts a body to the app with the given signature (or none): for tests of hostile deliveries. */
  async post(delivery: Delivery, signature: string | null = signBody(delivery.body, this.secret), url = this.url): Promise<Delivery> {
    if (!url) return delivery;
    const started = performance.now();
    delivery.sentAt = Date.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/stand-in",
          "x-github-event": delivery.event,
          "x-github-delivery": delivery.id,
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-type": "integration",
          "x-github-hook-installation-target-id": String(this.installationTarget),
          ...(signature === null ? {} : { "x-hub-signature-256": signature }),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      delivery.error = (error as Error).name === "TimeoutError" ? "timed out after 10 s" : String((error as Error).message);
    }
    delivery.ms = performance.now() - started;
    delivery.answeredAt = Date.now();
    this.onDelivered?.(delivery);
    return delivery;
  }

  /** Resolves when every queued delivery has been answered. */
  async drain(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }
}
