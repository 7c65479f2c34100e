import { StandIn, type RequestRecord } from "../stand-in.js";
import type { Issue, State } from "../state.js";
import type { SweepRunner } from "./product-sweep.js";

/**
 * Benchmark of the retirement sweep: 50 WGs (+5 IGs) and 5,000 tracked items in the local GitHub
 * stand-in (REST + GraphQL executed on GitHub's schema), two sweeps in a row of the product's real runner, reached
 * over HTTP by a real Octokit. Reports the API requests by kind. Budget: at most one activity
 * request per 10 WGs, whatever the number of items, plus the writes (capped per run).
 */
export interface SweepCost {
  /** RetirementActivity requests: the activity of every WG and the app's review issues. */
  activityReads: number;
  /** Registry requests (charters, head check): cached by default-branch commit. */
  registryReads: number;
  /** Any other GraphQL request (there should be none). */
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
  /** Titles of the review issues after the sweeps (which groups were flagged). */
  reviewTitles: string[];
}

const DAY = 86_400_000;
/**
 * Each size is its own repository: the app caches a repository's registry by its last known head,
 * and two worlds under one name would look like one repository whose charters changed without a push.
 */
const repoName = (wgs: number, itemsPerWg: number) => `bench/community-${wgs}x${itemsPerWg}`;

function charter(full: string, n: number, kind: "wg" | "ig", workItem?: number): string {
  const name = `Bench ${String(n).padStart(2, "0")}`;
  const items = workItem
    ? `\n### Active Work Items\n\n| Item | Status |\n| --- | --- |\n| [SEP-${workItem}: bench item](https://github.com/${full}/pull/${workItem}) | Draft |\n`
    : "";
  return `---\ntitle: ${name} Charter\ntag: bench-${n}-${kind}\n---\n\n## Group Type\n\n**${kind === "wg" ? "Working" : "Interest"} Group**\n\n## Leadership\n\n| Role | Name | Organization | GitHub |\n| --- | --- | --- | --- |\n| Lead | Lead ${n} | Bench | [@lead-${n}](https://github.com/lead-${n}) |\n${items}`;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Seeds the stand-in's state directly (no webhooks): per WG `itemsPerWg` labelled issues, a third
 * of them closed long ago, each with a member's comment; 60 % of the WGs active (a comment 3 days
 * ago), 16 % stale by time, 14 % with only bot activity lately, 10 % with nothing open.
 */
export function seedBench(standIn: StandIn, now: number, wgs = 50, itemsPerWg = 100): void {
  const full = repoName(wgs, itemsPerWg);
  const state: State = standIn.state;
  const files: Record<string, string> = {};
  files[".github/convener.yml"] = "# the defaults: the sweep visits only repositories that opted in\n";
  for (let g = 0; g < wgs; g++) files[`docs/community/working-groups/bench-${g}.mdx`] = charter(full, g, "wg", g * itemsPerWg + 2);
  for (let i = 0; i < 5; i++) files[`docs/community/interest-groups/bench-ig-${i}.mdx`] = charter(full, 100 + i, "ig");
  const repo = standIn.control.repo(full, files);
  state.addAccount("github-actions[bot]", "Bot");
  const ago = (days: number) => stamp(now - days * DAY);
  let number = 1;
  for (let g = 0; g < wgs; g++) {
    const profile = g < wgs * 0.6 ? "active" : g < wgs * 0.76 ? "stale" : g < wgs * 0.9 ? "bots" : "done";
    state.addAccount(`member-${g}`);
    for (let i = 0; i < itemsPerWg; i++, number++) {
      const done = profile === "done" || i % 3 === 0;
      const commentAt = ago(profile === "active" && i === 4 ? 3 : 60 + (i % 50));
      const issue: Issue = {
        id: state.id(), number, title: `Work item ${number}`, body: "", user: `member-${g}`, state: done ? "closed" : "open",
        state_reason: done ? "completed" : null, labels: [`bench-${g}-wg`], assignees: [], created_at: ago(200 + (i % 50)),
        updated_at: commentAt, closed_at: done ? ago(120) : null, reactions: [],
        comments: [{ id: state.id(), body: "progress", user: `member-${g}`, viaApp: false, created_at: commentAt, updated_at: commentAt, reactions: [] }],
        events: done ? [{ id: state.id(), event: "closed", actor: `member-${g}`, created_at: ago(120) }] : [],
      };
      if (profile === "bots" || i % 4 === 0) {
        issue.comments.push({ id: state.id(), body: "CI", user: "github-actions[bot]", viaApp: false, created_at: ago(1), updated_at: ago(1), reactions: [] });
        issue.updated_at = ago(1);
      }
      repo.issues.set(number, issue);
    }
  }
  repo.nextNumber = number;
}

function costOf(records: RequestRecord[], ms: number): SweepCost {
  const gql = records.filter((r) => r.path === "/graphql");
  const rest = records.filter((r) => r.path !== "/graphql");
  return {
    activityReads: gql.filter((r) => r.operation === "RetirementActivity").length,
    registryReads: gql.filter((r) => r.operation?.startsWith("Registry")).length,
    otherGraphql: gql.filter((r) => r.operation !== "RetirementActivity" && !r.operation?.startsWith("Registry")).length,
    restReads: rest.filter((r) => !r.write).length,
    writes: records.filter((r) => r.write).length,
    reviewsOpened: rest.filter((r) => r.method === "POST" && /\/issues$/.test(r.path)).length,
    ms,
  };
}

export async function benchRetirement(sweep: SweepRunner, options: { wgs?: number; itemsPerWg?: number } = {}): Promise<RetirementBenchResult> {
  const wgs = options.wgs ?? 50;
  const itemsPerWg = options.itemsPerWg ?? 100;
  const standIn = await StandIn.start({ webhookSecret: "bench" });
  const token = "bench-installation-token";
  standIn.tokens.add(token);
  let now = Date.now();
  seedBench(standIn, now, wgs, itemsPerWg);
  const sweeps: SweepCost[] = [];
  try {
    for (let run = 0; run < 2; run++) {
      const from = standIn.requests.length;
      const started = performance.now();
      await sweep({ baseUrl: standIn.urls.api, token, identity: { appId: standIn.state.app.id, login: standIn.state.app.botLogin } }, { owner: "bench", repo: repoName(wgs, itemsPerWg).split("/")[1]! }, new Date(now));
      sweeps.push(costOf(standIn.requestsSince(from), Math.round(performance.now() - started)));
      now += 60_000;
    }
  } finally {
    await standIn.close();
  }
  const activityBudget = Math.ceil(wgs / 10);
  const repo = standIn.control.repoOf(repoName(wgs, itemsPerWg));
  return {
    wgs,
    igs: 5,
    trackedItems: wgs * itemsPerWg,
    sweeps,
    activityBudget,
    withinBudget: sweeps.every((s) => s.activityReads <= activityBudget && s.otherGraphql === 0),
    reviewTitles: [...repo.issues.values()].filter((i) => i.title.startsWith("[retirement]")).map((i) => i.title),
  };
}
