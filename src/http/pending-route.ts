import { countWorkAfterAnswer } from "../core/deferred-answer.js";
import type { RouteFactory } from "./route-handler.js";

/**
 * `GET /convener/pending`: how many deliveries were answered early and are still being worked on
 * (waiting in the write queue or behind another delivery for the same issue). An operator sees a
 * backlog draining; a test waits for zero before it looks at GitHub's state.
 */
export const createPendingRoute: RouteFactory = () => (req, res) => {
  if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/convener/pending") return false;
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ workAfterAnswer: countWorkAfterAnswer() }));
  return true;
};
