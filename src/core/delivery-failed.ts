/**
 * What a delivery throws when work for it failed after the Octokit's retries. `@octokit/webhooks`
 * answers with the `status` of the first error it holds (a bare RequestError would pass GitHub's
 * own 403 or 404 through as the reply), so this error says 500 itself: GitHub's delivery log then
 * shows the delivery as failed, and it can be redelivered.
 */
export class DeliveryFailedError extends AggregateError {
  /** 503 when the shared state (Redis) was unreachable (docs/replicas.md), 500 otherwise. */
  readonly status: number;

  constructor(errors: unknown[], event: string) {
    super(errors, `${event}: ${errors.map((e) => (e as Error)?.message ?? String(e)).join("; ")}`);
    this.name = "DeliveryFailedError";
    this.status = errors.some((e) => (e as { status?: unknown })?.status === 503 && (e as Error)?.name === "SharedStateUnavailableError") ? 503 : 500;
  }
}

/**
 * Whether a failure while reading is worth a redelivery: GitHub failed (5xx, a network error,
 * which @octokit/request reports as 500), limited us (403, 429) after the Octokit's retries. A 404
 * or 422 for what a damaged or stale payload names, or a payload the code cannot read, fails the
 * same way on every redelivery: it is logged and the delivery is answered 200, as before.
 */
export function isGitHubFault(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && (status >= 500 || status === 403 || status === 429);
}
