import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { Feature } from "../core/feature.js";
import { createSweepRoute } from "../sweep/http-route.js";

/** A custom HTTP route; returns true when it handled the request (Probot 14's `addHandler` contract). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
export type RouteFactory = (app: Probot) => RouteHandler;

/** Every custom route the server exposes: the sweep trigger and each feature's (Probot itself serves `/ping` and the webhook path). */
export function routesOf(features: readonly Feature[]): RouteFactory[] {
  return [(app) => createSweepRoute(app), ...features.flatMap((f) => f.routes ?? [])];
}
