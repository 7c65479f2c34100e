import type { RouteFactory } from "../http/route-handler.js";
import { metricsRegistry } from "./registry.js";

/** `GET /metrics`: every `convener_*` metric in Prometheus' text format, for a scraper. */
export const createMetricsRoute: RouteFactory = (app) => async (req, res) => {
  if ((req.url ?? "").split("?")[0] !== "/metrics") return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("GET only\n");
    return true;
  }
  try {
    const body = await metricsRegistry.metrics();
    res.writeHead(200, { "content-type": metricsRegistry.contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    app.log.error({ err: error }, "could not collect the metrics");
    res.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n");
  }
  return true;
};
