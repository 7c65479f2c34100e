/**
 * Polls until `ready` holds: for a state the app passes through on its way, or for work slow enough
 * (a loaded CI machine) that a quiet spell does not yet mean it is done.
 */
export async function waitFor(ready: () => boolean, timeoutMs = 5000, what = "the condition"): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
