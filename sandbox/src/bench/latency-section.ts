import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateAppKeys, startApp } from "../app-process.js";
import { REPO, seedCommunity } from "../demo/community.js";
import { githubSchema } from "../graphql/schema.js";
import { startHarness } from "../harness.js";
import { measureCpuPerDelivery, quantileOf } from "./cpu-time.js";
import { readTimings, runBurst, type BurstFigure } from "./latency-burst.js";
import type { SceneFigure } from "./latency-measure.js";
import { runScenes, SWEEP_TOKEN, type SceneKey } from "./latency-scenes.js";
import { checkTargets, wholeVote, type CpuFigure, type TargetRow } from "./latency-targets.js";

/** The round trip added to every GitHub request (GitHub answers in 100–300 ms from a cloud region). */
export const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const CPU_EVENTS = Number(process.env.BENCH_CPU_EVENTS ?? 200);

export interface LatencyResults {
  latencyMs: number;
  scenes: SceneFigure[];
  /** Requests, writes and deliveries of each named scene's act, end to end. */
  acts: Record<SceneKey, { requests: number; writes: number; deliveries: number }>;
  wholeVote: { tallyOnEvent: number; tallyOnSweep: number };
  burst: BurstFigure;
  cpu: CpuFigure;
  targets: TargetRow[];
}

const pad = (v: unknown, n: number) => String(v).padEnd(n);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Section 6 (`npm run bench -- --only latency`): the real server against the stand-in with every
 * GitHub request delayed by `BENCH_LATENCY_MS` (default 100 ms). Per event: time to the app's answer
 * and to the end of its work, sequential round trips (work ÷ delay), requests and writes; then a
 * burst of 50 events at once; then the server's CPU per ordinary event (no delay) next to a Probot
 * app that does nothing; then the latency targets with each figure.
 */
export async function benchLatency(out: (line?: string) => void): Promise<LatencyResults> {
  const dir = mkdtempSync(join(tmpdir(), "convener-bench-"));
  const timingFile = join(dir, "deliveries.jsonl");
  const h = await startHarness({ seed: seedCommunity, timeTravel: true, env: { SWEEP_TOKEN, CONVENER_BENCH_TIMING_FILE: timingFile } });
  try {
    // The stand-in builds GitHub's schema on its first GraphQL request (hundreds of milliseconds on a
    // loaded machine): a start-up cost of the stand-in, not of the scene that happens to ask first.
    githubSchema();
    h.standIn.latencyMs = LATENCY_MS;
    out(`6. Latency: every GitHub request delayed by ${LATENCY_MS} ms (BENCH_LATENCY_MS); answer = delivery sent → app's HTTP answer, work = delivery sent → its last request ended`);
    const { rows, key, acts, clockOffsetMs } = await runScenes(h);
    out(`   ${pad("scene", 64)}${pad("event", 28)}${pad("answer", 9)}${pad("work", 9)}${pad("round trips", 13)}${pad("requests", 10)}writes`);
    for (const r of rows) out(`   ${pad(r.scene, 64)}${pad(r.event, 28)}${pad(sec(r.answerMs), 9)}${pad(sec(r.workMs), 9)}${pad(r.roundTrips.toFixed(1), 13)}${pad(r.requests, 10)}${r.writes}`);
    const votes = { tallyOnEvent: wholeVote(acts, "tallyOnEvent"), tallyOnSweep: wholeVote(acts, "tallyOnSweep") };
    out(`   whole vote (open + 3 ballots + tally): ${votes.tallyOnEvent} requests with the tally on an event, ${votes.tallyOnSweep} with the tally on the sweep`);
    printLogs(out, key);

    const burst = await runBurst(h, timingFile, clockOffsetMs);
    out("");
    out(`   Burst: ${burst.events} user events sent at once (${Object.entries(burst.mix).map(([k, v]) => `${v} ${k}s`).join(", ")})`);
    out(`   ${pad("", 14)}${pad("p50", 10)}${pad("p95", 10)}${pad("p99", 10)}max`);
    for (const [label, s] of [["answer", burst.answer], ["work", burst.work]] as const) out(`   ${pad(label, 14)}${pad(sec(s.p50), 10)}${pad(sec(s.p95), 10)}${pad(sec(s.p99), 10)}${sec(s.max)}`);
    out(`   ${burst.requests} requests, ${burst.writes} writes (${burst.overlappingWrites} overlapping; shortest gap between two writes' starts ${burst.minWriteGapMs ?? "-"} ms); non-2xx answers ${burst.non2xx}, 202 "still processing" ${burst.answered202}; idle again after ${burst.seconds.toFixed(1)} s`);
    out(`   the stand-in's own time per request beyond the round trip (it shares the 2 CPUs with the app): p50 ${burst.standInMs.p50.toFixed(1)} ms, max ${burst.standInMs.max.toFixed(0)} ms`);

    const cpu = await measureCpu(join(dir, "cpu.jsonl"));
    out("");
    out(`   CPU per ordinary event (${cpu.event}, ${cpu.samples} one after the other, no delay; the process's threads from /proc schedstat, p50):`);
    out(`   Convener server ${cpu.serverP50.toFixed(2)} ms (its webhook handler alone ${cpu.handlerP50?.toFixed(2) ?? "?"} ms); a Probot app that does nothing ${cpu.floorP50?.toFixed(2) ?? "?"} ms`);

    const targets = checkTargets(key, acts, burst, cpu);
    out("");
    out("   The latency targets");
    out(`   ${pad("measure", 72)}${pad("measured", 70)}target`);
    for (const t of targets) out(`   ${pad(t.measure, 72)}${pad(t.figure, 70)}${t.target} ${t.ok ? "✓" : "✗"}`);
    const unseen = key.sepOpenedUnseen;
    out(`   not among the targets' events: ${unseen.scene}: ${unseen.roundTrips.toFixed(1)} round trips, ${unseen.requests} requests (its texts are asked for only once the PR's file list names them)`);
    return { latencyMs: LATENCY_MS, scenes: rows, acts, wholeVote: votes, burst, cpu, targets };
  } finally {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The requests of the scenes the targets name, so a count can be read at a glance. */
function printLogs(out: (line?: string) => void, key: Record<SceneKey, SceneFigure>): void {
  out("   requests per scene:");
  for (const f of Object.values(key)) out(`     ${f.scene} (${sec(f.workMs)}): ${f.timeline.length ? f.timeline.join(", ") : "none"}`);
}

/**
 * The server's CPU per `issues.edited` on an ordinary issue, and a no-op Probot app's on the same
 * delivery: a server of its own, without the time machine the scenes need, and no added latency
 * (CPU is the process's own work; waiting on the wire adds nothing to it).
 */
async function measureCpu(timingFile: string): Promise<CpuFigure> {
  const h = await startHarness({ seed: seedCommunity, env: { CONVENER_BENCH_TIMING_FILE: timingFile } });
  const warmup = 20;
  let server: number[];
  let handler: number[];
  let floor: number[];
  try {
    const s = h.standIn;
    const url = s.webhooks.url;
    s.webhooks.url = undefined; // recorded, not sent: the bench sends its exact body again and again
    s.control.as("sam", REPO).editIssue(1, { body: "Streams break on reconnect; we need checkpoints (edited for the CPU run)." });
    const delivery = s.webhooks.deliveries.at(-1)!;
    s.webhooks.url = url;
    const run = (pid: number, to: string) => measureCpuPerDelivery({ pid, url: to, secret: h.secret, event: "issues", body: delivery.body, count: CPU_EVENTS, warmup });
    server = await run(h.app.child.pid!, h.app.webhookUrl);
    handler = [...readTimings(timingFile).values()].slice(warmup).map((t) => t.cpuUs / 1000);
    const app = await startApp({ ghHost: s.host, appId: 4242, privateKey: generateAppKeys().privateKey, webhookSecret: h.secret, entry: "./bench/noop-app.js" });
    try {
      floor = await run(app.child.pid!, app.webhookUrl);
    } finally {
      await app.stop();
    }
  } finally {
    await h.stop();
  }
  return {
    serverP50: quantileOf(server, 0.5), floorP50: floor.length ? quantileOf(floor, 0.5) : null,
    handlerP50: handler.length ? quantileOf(handler, 0.5) : null, event: "issues.edited on an ordinary issue", samples: server.length,
  };
}
