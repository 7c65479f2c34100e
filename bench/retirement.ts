import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ProbotOctokit } from "probot";
import { configSchema } from "../src/config/schema.js";
import type { OctokitLike } from "../src/core/github.js";
import { clearRegistryCache } from "../src/features/registry/load-registry.js";
import { runRetirementSweep } from "./retirement-harness.js";
import { RetirementWorld, type Actor } from "./retirement-world.js";

/**
 * Benchmark of the retirement sweep: 50 WGs and 5,000 tracked items in a local GitHub stand-in
 * reached over HTTP (GitHub's GraphQL schema executes every query), two sweeps in a row. Reports
 * the API requests by kind. The budget: at most one activity request per 10 WGs, whatever the
 * number of items, plus the writes (capped per run).
 */
export interface SweepCost {
  /** RetirementActivity requests (activity of every WG + the review issues). */
  activityReads: number;
  /** Registry requests (charters, head check): cached by commit. */
  registryReads: number;
  /** Other GraphQL requests (should be none). */
  otherGraphql: number;
  /** REST GETs: applyPlan's dedupe re-check before opening an issue. */
  restReads: number;
  writes: number;
  reviewsOpened: number;
  ms: number;
}

export interface RetirementBenchResult {
  wgs: number;
  igs: number;
  trackedItems: number;
  sweeps: SweepCost[];
  /** ceil(WGs / 10): the most activity requests one sweep may make. */
  activityBudget: number;
  withinBudget: boolean;
  /** Titles of the review issues open after the sweeps (which groups were flagged). */
  reviewTitles: string[];
}

const DAY = 86_400_000;
const human = (login: string): Actor => ({ login, type: "User" });
const bot = (login: string): Actor => ({ login, type: "Bot" });

function charter(n: number, kind: "wg" | "ig", workItem?: number): string {
  const name = `Bench ${String(n).padStart(2, "0")}`;
  const items = workItem ? `\n### Active Work Items\n\n| Item | Status |\n| --- | --- |\n| [SEP-${workItem}: bench item](https://github.com/bench/community/pull/${workItem}) | Draft |\n` : "";
  return `---\ntitle: ${name} Charter\ntag: bench-${n}-${kind}\n---\n\n## Group Type\n\n**${kind === "wg" ? "Working" : "Interest"} Group**\n\n## Leadership\n\n| Role | Name | Organization | GitHub |\n| --- | --- | --- | --- |\n| Lead | Lead ${n} | Bench | [@lead-${n}](https://github.com/lead-${n}) |\n${items}`;
}

/** 50 WGs × 100 items: 30 active, 8 stale by time, 7 with only bot activity, 5 with nothing open; plus 5 IGs. */
export function buildBenchWorld(now: Date, wgs = 50, itemsPerWg = 100): RetirementWorld {
  const world = new RetirementWorld("bench", "community", () => now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  let number = 1;
  for (let g = 0; g < wgs; g++) {
    const profile = g < wgs * 0.6 ? "active" : g < wgs * 0.76 ? "stale" : g < wgs * 0.9 ? "bots" : "done";
    const tag = `bench-${g}-wg`;
    const first = number;
    for (let i = 0; i < itemsPerWg; i++, number++) {
      const done = profile === "done" || i % 3 === 0; // a third of every group's items are finished
      world.addIssue({
        number, title: `Work item ${number}`, isPull: i % 2 === 0, labels: [tag], author: human(`author-${g}`), createdAt: ago(200 + i),
        state: done ? "closed" : "open", closedAt: done ? ago(120) : null,
      });
      world.addEvent(number, { type: "IssueComment", actor: human(`member-${g}`), body: "progress", at: ago(profile === "active" && i === 5 ? 3 : 60 + i) });
      if (profile === "bots" || i % 4 === 0) world.addEvent(number, { type: "IssueComment", actor: bot("github-actions[bot]"), body: "CI", at: ago(1) });
      if (done) world.addEvent(number, { type: "ClosedEvent", actor: human(`member-${g}`), at: ago(120) });
    }
    world.charters.set(`docs/community/working-groups/bench-${g}.mdx`, charter(g, "wg", first + 1));
  }
  for (let i = 0; i < 5; i++) world.charters.set(`docs/community/interest-groups/bench-ig-${i}.mdx`, charter(100 + i, "ig"));
  return world;
}

/** The stand-in over HTTP, with every request classified as the benchmark reports it. */
function serve(world: RetirementWorld, cost: () => SweepCost): Promise<Server> {
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://stand-in");
    let status = 200;
    let data: unknown;
    if (req.method === "POST" && url.pathname.endsWith("/graphql")) {
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      const operation = /query\s+(\w+)/.exec(query)?.[1] ?? "";
      const c = cost();
      if (operation === "RetirementActivity") c.activityReads++;
      else if (operation.startsWith("Registry")) c.registryReads++;
      else c.otherGraphql++;
      data = await world.graphql(query, variables ?? {});
    } else {
      const c = cost();
      if (req.method === "GET") c.restReads++;
      else c.writes++;
      if (req.method === "POST" && url.pathname.endsWith("/issues")) c.reviewsOpened++;
      ({ status, data } = world.rest(req.method ?? "GET", url.pathname, body ? JSON.parse(body) : {}, url.searchParams));
    }
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(data));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => resolve(text));
  });
}

export async function benchRetirement(options: { wgs?: number; itemsPerWg?: number } = {}): Promise<RetirementBenchResult> {
  const wgs = options.wgs ?? 50;
  const itemsPerWg = options.itemsPerWg ?? 100;
  let now = new Date("2026-11-24T12:00:00Z");
  const world = buildBenchWorld(now, wgs, itemsPerWg);
  world.now = () => now;
  const sweeps: SweepCost[] = [];
  const server = await serve(world, () => sweeps.at(-1)!);
  const { port } = server.address() as AddressInfo;
  const octokit = new ProbotOctokit({
    auth: { token: "bench" }, baseUrl: `http://127.0.0.1:${port}`, retry: { enabled: false }, throttle: { enabled: false },
  } as never) as unknown as OctokitLike;
  const config = configSchema.parse({});
  const identity = { appId: 1, login: "convener[bot]" };
  clearRegistryCache();
  try {
    for (let run = 0; run < 2; run++) {
      sweeps.push({ activityReads: 0, registryReads: 0, otherGraphql: 0, restReads: 0, writes: 0, reviewsOpened: 0, ms: 0 });
      const started = performance.now();
      await runRetirementSweep(octokit, { owner: "bench", repo: "community" }, config, identity, now);
      sweeps.at(-1)!.ms = Math.round(performance.now() - started);
      now = new Date(now.getTime() + DAY);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const activityBudget = Math.ceil(wgs / 10);
  return {
    wgs,
    igs: 5,
    trackedItems: wgs * itemsPerWg,
    sweeps,
    activityBudget,
    withinBudget: sweeps.every((s) => s.activityReads <= activityBudget && s.otherGraphql === 0),
    reviewTitles: [...world.issues.values()].filter((i) => i.title.startsWith("[retirement]")).map((i) => i.title),
  };
}
