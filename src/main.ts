import { createProbot, run } from "probot";
import { ConvenerOctokit } from "./core/octokit.js";
import convener from "./index.js";
import { recordDeliveryTimings } from "./core/bench-timing.js";
import { checkAppSlug } from "./core/app-slug-check.js";
import { appAuth } from "./sweep/http-route.js";
import { startSweepSchedule } from "./sweep/schedule.js";
import { warmUp } from "./warm-up.js";

/**
 * The server entry (`npm start`): Probot's own `run` (setup flow without APP_ID, webhooks, /ping,
 * the app's routes) with Convener's Octokit, whose throttle does not queue reads behind writes.
 * Only the server sweeps on a timer (`SWEEP_INTERVAL`): tests and the CLI load the app without one.
 * A configured APP_SLUG that is not the app's own refuses the start (see core/app-slug-check.ts).
 */
async function start(): Promise<void> {
  if (process.env.APP_ID && (process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH)) {
    const probot = createProbot({ env: process.env, overrides: { Octokit: ConvenerOctokit } });
    const problem = await checkAppSlug(appAuth(probot), process.env);
    if (problem) throw new Error(`refusing to start: ${problem}`);
  }
  await run(
    (app, options) => {
      recordDeliveryTimings(app); // the bench's per-delivery timings; nothing unless CONVENER_BENCH_TIMING_FILE is set
      convener(app, options);
      warmUpOnce(app.log);
      startSweepSchedule(appAuth(app), app.log);
    },
    { Octokit: ConvenerOctokit },
  );
}

/** The hot paths run once before the first delivery (see warm-up.ts); a failure costs only the warm-up. */
function warmUpOnce(log: { debug: (o: object, m: string) => void; warn: (o: object, m: string) => void }): void {
  const started = performance.now();
  try {
    warmUp();
    log.debug({ ms: Math.round(performance.now() - started) }, "warmed up");
  } catch (error) {
    log.warn({ err: error }, "the warm-up failed; the first deliveries run cold");
  }
}

start().catch((error: unknown) => {
  console.error(error instanceof Error && error.message.startsWith("refusing to start") ? error.message : error);
  process.exit(1);
});
