import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { Clock } from "../core/clock.js";
import { createSweepRoute } from "../sweep/http-route.js";
import { calendarRoute } from "../calendar/routes.js";

/** A custom HTTP route; returns true when it handled the request (Probot 14's `addHandler` contract). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
export type RouteFactory = (app: Probot, clock: Clock) => RouteHandler;

/** Every custom route the server exposes (Probot itself serves `/ping` and the webhook path). */
export const routes: RouteFactory[] = [(app, clock) => createSweepRoute(app, process.env, clock), (app) => calendarRoute(app)];
