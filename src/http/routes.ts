import type { Feature } from "../core/feature.js";
import { createSweepRoute } from "../sweep/http-route.js";
import { createMetricsRoute } from "../metrics/route.js";
import { createPendingRoute } from "./pending-route.js";
import { createReadyRoute } from "./ready-route.js";
import type { RouteFactory } from "./route-handler.js";

/** Every custom route the server exposes: the sweep trigger, the pending-work count, `/metrics`, `/ready` and each feature's (Probot itself serves `/ping` and the webhook path). */
export function routesOf(features: readonly Feature[]): RouteFactory[] {
  return [(app, clock) => createSweepRoute(app, process.env, clock), createPendingRoute, createMetricsRoute, createReadyRoute(), ...features.flatMap((f) => f.routes ?? [])];
}
