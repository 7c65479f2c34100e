import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { Clock } from "../core/clock.js";

/** A custom HTTP route; returns true when it handled the request (Probot 14's `addHandler` contract). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
/** Routes that need "now" take the app's one clock. */
export type RouteFactory = (app: Probot, clock: Clock) => RouteHandler;
