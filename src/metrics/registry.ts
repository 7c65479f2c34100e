import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { countWorkAfterAnswer } from "../core/deferred-answer.js";

/**
 * The process's one Prometheus registry. Every metric is named `convener_*`; the process metrics
 * (CPU, memory, event loop lag) come from prom-client's defaults under the same prefix.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "convener_" });

export const deliveries = new Counter({
  name: "convener_deliveries_total",
  help: "Webhook deliveries handled, by event (name.action) and outcome (ok, answered_early, failed).",
  labelNames: ["event", "outcome"] as const,
  registers: [metricsRegistry],
});

export const handlerDuration = new Histogram({
  name: "convener_handler_duration_seconds",
  help: "Time from a delivery's arrival to its answer (work answered early is not included).",
  labelNames: ["event"] as const,
  // GitHub gives up on a delivery after 10 s: the buckets are dense below that.
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 10, 20],
  registers: [metricsRegistry],
});

export const githubRequests = new Counter({
  name: "convener_github_requests_total",
  help: "Requests sent to GitHub, each attempt once, by kind (rest_read, rest_write, graphql_query, graphql_mutation) and HTTP status (0: no answer).",
  labelNames: ["kind", "status"] as const,
  registers: [metricsRegistry],
});

export const rateLimitRemaining = new Gauge({
  name: "convener_github_rate_limit_remaining",
  help: "GitHub's x-ratelimit-remaining on the latest answer, by rate-limit resource (core, graphql, ...).",
  labelNames: ["resource"] as const,
  registers: [metricsRegistry],
});

export const sweepRuns = new Counter({
  name: "convener_sweep_runs_total",
  help: "Sweep runs, by outcome (ok: no repository reported an error; errors: some did).",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

export const writes = new Counter({
  name: "convener_writes_total",
  help: "Planned actions applied, by source (sweep). Webhook writes are counted as GitHub requests of a write kind.",
  labelNames: ["source"] as const,
  registers: [metricsRegistry],
});

export const sweepDeferred = new Gauge({
  name: "convener_sweep_deferred_actions",
  help: "Actions the latest sweep left for the next run (over the write cap).",
  registers: [metricsRegistry],
});

new Gauge({
  name: "convener_work_after_answer",
  help: "Deliveries answered early whose work is still going on (waiting in the write queue or behind another delivery).",
  registers: [metricsRegistry],
  collect() {
    this.set(countWorkAfterAnswer());
  },
});

export const openVotes = new Gauge({
  name: "convener_open_votes",
  help: "Open votes per community repository, as last read by the governance page.",
  labelNames: ["repo"] as const,
  registers: [metricsRegistry],
});
