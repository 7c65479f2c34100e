import { run } from "probot";
import { ConvenerOctokit } from "./core/octokit.js";
import convener from "./index.js";

/**
 * The server entry (`npm start`): Probot's own `run` (setup flow without APP_ID, webhooks, /ping,
 * the app's routes) with Convener's Octokit, whose throttle does not queue reads behind writes.
 */
run(convener, { Octokit: ConvenerOctokit }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
