import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { faketimeEnv, ROOT } from "../../sandbox/src/app-process.js";
import type { StandIn } from "../../sandbox/src/stand-in.js";

/** The documented workflow (docs/examples/convener-workflow.yml): which events and actions start a run. */
export const WORKFLOW_FILE = join(ROOT, "docs", "examples", "convener-workflow.yml");

export function readWorkflow(): any {
  return parse(readFileSync(WORKFLOW_FILE, "utf8"));
}

/** The workflow's trigger for a webhook (`pull_request` runs the `pull_request_target` workflow), or null when it starts no run. */
export function triggerOf(workflow: any, event: string, action: string | null): string | null {
  const name = event === "pull_request" ? "pull_request_target" : event;
  if (!Object.hasOwn(workflow.on, name)) return null;
  const types: string[] | undefined = workflow.on[name]?.types;
  return !types || (action !== null && types.includes(action)) ? name : null;
}

export interface ActionRun {
  event: string;
  code: number | null;
  output: string;
}

/**
 * Runs `dist/index.js` the way a runner does: a child process with the runner's environment (the
 * event's name and payload file, the token as the `token` input, the repository, the API URLs),
 * here pointed at the stand-in. `clockFile` preloads the demo's time machine, read at start.
 */
export async function runEntry(standIn: StandIn, o: { event: string; payload: unknown; token: string; repository: string; appSlug?: string; clockFile?: string }): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "convener-action-"));
  const eventPath = join(dir, "event.json");
  writeFileSync(eventPath, JSON.stringify(o.payload));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: o.repository,
    GITHUB_API_URL: standIn.urls.api,
    GITHUB_GRAPHQL_URL: `${standIn.urls.web}/api/graphql`,
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_ATTEMPT: "1",
    INPUT_TOKEN: o.token,
    "INPUT_APP-SLUG": o.appSlug ?? "",
    "INPUT_LOG-LEVEL": "warn",
    ...faketimeEnv(process.env),
    ...(o.clockFile ? { CONVENER_CLOCK_FILE: o.clockFile } : {}),
  };
  const preload = o.clockFile ? [`--import=${pathToFileURL(join(ROOT, "sandbox", "lib", "clock-shift.js")).href}`] : [];
  const child = spawn(process.execPath, [...preload, join(ROOT, "dist", "index.js")], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  rmSync(dir, { recursive: true, force: true });
  return { event: o.event, code, output };
}

/**
 * GitHub's side of a workflow: every delivery since the last call that the workflow's `on:` takes
 * starts one run, one after another (the workflow's concurrency group queues runs of the same issue).
 * Events the action's own bot caused start none: GitHub does not start workflows for the workflow
 * token's events, and the dispatcher ignores its own bot's anyway.
 */
export function createRunner(standIn: StandIn, o: { token: string; repository: string; bot: string; appSlug?: string; clockFile?: string }) {
  const workflow = readWorkflow();
  let done = standIn.webhooks.deliveries.length; // what happened before the workflow was added starts no run
  const runs: ActionRun[] = [];
  return {
    runs,
    async runPending(): Promise<void> {
      for (;;) {
        const next = standIn.webhooks.deliveries.slice(done);
        if (next.length === 0) return;
        done += next.length;
        for (const d of next) {
          const payload = JSON.parse(d.body);
          const event = triggerOf(workflow, d.event, d.action ?? null);
          if (!event || payload.sender?.login === o.bot) continue;
          runs.push(await runEntry(standIn, { ...o, event, payload }));
        }
      }
    },
    async sweep(): Promise<ActionRun> {
      const run = await runEntry(standIn, { ...o, event: "schedule", payload: { schedule: "*/30 * * * *" } });
      runs.push(run);
      return run;
    },
  };
}
