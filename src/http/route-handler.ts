import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";

/** A custom HTTP route; returns true when it handled the request (Probot 14's `addHandler` contract). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
export type RouteFactory = (app: Probot) => RouteHandler;
