import { run } from "probot";
import { ConvenerOctokit } from "./core/octokit.js";
import convener from "./index.js";
import { recordDeliveryTimings } from "./core/bench-timing.js";
import { appAuth } from "./sweep/http-route.js";
import { startSweepSchedule } from "./sweep/schedule.js";

/**
 * The server entry (`npm start`): Probot's own `run` (setup flow without APP_ID, webhooks, /ping,
 * the app's routes) with Convener's Octokit, whose throttle does not queue reads behind writes.
 * Only the server sweeps on a timer (`SWEEP_INTERVAL`): tests and the CLI load the app without one.
 */
run(
  (app, options) => {
    recordDeliveryTimings(app); // the bench's per-delivery timings; nothing unless CONVENER_BENCH_TIMING_FILE is set
    convener(app, options);
    startSweepSchedule(appAuth(app), app.log);
  },
  { Octokit: ConvenerOctokit },
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
