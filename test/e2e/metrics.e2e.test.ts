import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import type { Harness } from "../../sandbox/src/harness.js";
import { igRequest, REPO, startWorld } from "./e2e-world.js";

type Families = ReturnType<typeof parsePrometheusTextFormat>;

/** The value of a counter or gauge sample whose labels include `labels` (0 when absent). */
function valueOf(families: Families, name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  return (family?.metrics ?? [])
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? 0), 0);
}

/**
 * How many observations a histogram holds, all label sets together, from its `_count` samples (the
 * parser keeps one label set's buckets of a labelled histogram, so these lines are read directly).
 */
function observationsOf(text: string, name: string): number {
  return [...text.matchAll(new RegExp(`^${name}_count(?:\\{[^}]*\\})? (\\S+)$`, "gm"))].reduce((sum, m) => sum + Number(m[1]), 0);
}

/**
 * `/metrics` scraped over HTTP from the real server, as Prometheus would, and parsed as Prometheus
 * text; the counters move with the deliveries the stand-in sends. `/ready` answers next to `/ping`.
 */
describe("/metrics and /ready, end to end", () => {
  let h: Harness;
  const base = () => `http://127.0.0.1:${h.app.port}`;
  const scrape = async () => {
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await res.text();
    return parsePrometheusTextFormat(text);
  };
  let text = "";

  beforeAll(async () => {
    h = await startWorld();
  }, 60_000);
  afterAll(async () => h?.stop());

  test("every metric family is there, typed, before any delivery", async () => {
    const families = await scrape();
    const types = Object.fromEntries(families.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      convener_deliveries_total: "COUNTER",
      convener_handler_duration_seconds: "HISTOGRAM",
      convener_github_requests_total: "COUNTER",
      convener_github_rate_limit_remaining: "GAUGE",
      convener_sweep_runs_total: "COUNTER",
      convener_writes_total: "COUNTER",
      convener_sweep_deferred_actions: "GAUGE",
      convener_work_after_answer: "GAUGE",
      convener_open_votes: "GAUGE",
    });
  });

  test("counters move with deliveries: events, outcomes, durations and GitHub requests by kind", async () => {
    const before = await scrape();
    const textBefore = text;
    const { body, labels } = igRequest();
    const issue = h.standIn.control.as("alice", REPO).openIssue("[IG request] Auth", body, labels);
    await h.standIn.settle();
    h.standIn.control.as("bob", REPO).comment(issue.number, "Looks good.");
    await h.standIn.settle();
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved("convener_deliveries_total", { event: "issues.opened" })).toBe(1);
    expect(moved("convener_deliveries_total", { outcome: "failed" })).toBe(0);
    expect(moved("convener_deliveries_total", { event: "issue_comment.created" })).toBeGreaterThanOrEqual(2); // bob's, and the app's own answer
    // Every delivery counted was timed too.
    const timed = observationsOf(text, "convener_handler_duration_seconds") - observationsOf(textBefore, "convener_handler_duration_seconds");
    expect(timed).toBe(moved("convener_deliveries_total", {}));
    expect(timed).toBeGreaterThanOrEqual(3);
    // The request was read (REST: configuration; GraphQL: the request's facts) and answered (one mutation).
    expect(moved("convener_github_requests_total", { kind: "rest_read" })).toBeGreaterThan(0);
    expect(moved("convener_github_requests_total", { kind: "graphql_mutation", status: "200" })).toBeGreaterThan(0);
    // Each delivery the stand-in sent is counted once, under its event.
    const sent = h.standIn.webhooks.deliveries.length;
    expect(valueOf(after, "convener_deliveries_total")).toBe(sent);
  });

  test("/ready: GitHub answers GET /app with the app's credentials; /ping stays Probot's", async () => {
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { github: { ok: true } } });
    expect(h.standIn.requests.some((r) => r.method === "GET" && r.path === "/app")).toBe(true);
    expect((await fetch(`${base()}/ping`)).status).toBe(200);
    expect((await fetch(`${base()}/metrics`, { method: "POST" })).status).toBe(405);
  });
});
