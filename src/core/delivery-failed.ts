/**
 * What a delivery throws when work for it failed after the Octokit's retries. `@octokit/webhooks`
 * answers with the `status` of the first error it holds (a bare RequestError would pass GitHub's
 * own 403 or 404 through as the reply), so this error says 500 itself: GitHub's delivery log then
 * shows the delivery as failed, and it can be redelivered.
 */
export class DeliveryFailedError extends AggregateError {
  readonly status = 500;

  constructor(errors: unknown[], event: string) {
    super(errors, `${event}: ${errors.map((e) => (e as Error)?.message ?? String(e)).join("; ")}`);
    this.name = "DeliveryFailedError";
  }
}
