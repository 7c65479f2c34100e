import { parseArgs } from "node:util";
import { createProbot, ProbotOctokit } from "probot";
import { features } from "../features/index.js";
import type { CliCommand } from "./commands.js";
import { systemClock, type Clock } from "../core/clock.js";
import type { Log } from "../core/log.js";
import { runSweep, formatReport, type AuthFn } from "../sweep/run-sweep.js";
import { DEFAULT_MAX_WRITES, resolveIdentity } from "../sweep/sweep-once.js";
import { ConvenerOctokit } from "../core/octokit.js";
import { acquireRedisLock } from "../shared-state/redis-lock.js";
import { sharedRedis } from "../shared-state/redis.js";

export interface SweepIo {
  env: NodeJS.ProcessEnv;
  write: (text: string) => void;
  /** Tests pass an Octokit without throttling and retries. */
  Octokit?: typeof ProbotOctokit;
  clock?: Clock;
}

const USAGE = "usage: convener sweep [--repo owner/name] [--confirm] [--max-writes N]\n";

/**
 * `convener sweep`: authenticates as the app from the server's environment (APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, GHE_HOST, GHE_PROTOCOL), prints the plan, and writes only with `--confirm`.
 */
export async function runSweepCli(args: string[], io: SweepIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { repo: { type: "string" }, confirm: { type: "boolean" }, "max-writes": { type: "string" }, help: { type: "boolean" } } }));
  } catch (error) {
    io.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) return io.write(USAGE), 0;
  const only = values.repo ? /^([\w.-]+)\/([\w.-]+)$/.exec(values.repo) : null;
  if (values.repo && !only) return io.write(`--repo must be owner/name, not "${values.repo}"\n`), 2;
  const maxWrites = values["max-writes"] === undefined ? DEFAULT_MAX_WRITES : Number(values["max-writes"]);
  if (!Number.isInteger(maxWrites) || maxWrites < 0) return io.write("--max-writes must be a whole number\n"), 2;
  if (!io.env.APP_ID || !(io.env.PRIVATE_KEY || io.env.PRIVATE_KEY_PATH)) {
    io.write("convener sweep needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) in the environment, as the server does\n");
    return 2;
  }
  const probot = createProbot({ env: io.env, overrides: { Octokit: io.Octokit ?? ConvenerOctokit } });
  const auth = ((id?: number) => probot.auth(id)) as unknown as AuthFn;
  // Several replicas (REDIS_URL): a writing sweep takes the same lock as the servers' sweeps.
  const redis = values.confirm === true ? sharedRedis(io.env) : null;
  const lock = redis ? await acquireRedisLock(redis, "sweep", { waitMs: 0 }) : null;
  if (redis && !lock) return io.write("a sweep is already running (another replica holds the sweep lock); nothing done\n"), 75;
  const report = await runSweep({
    auth,
    features,
    confirm: values.confirm === true,
    ...(only ? { only: { owner: only[1]!, repo: only[2]! } } : {}),
    maxWrites,
    identity: await resolveIdentity(auth, io.env),
    log: createStderrLog(io.env.LOG_LEVEL),
    clock: io.clock ?? systemClock,
  }).finally(() => lock?.release());
  io.write(formatReport(report));
  return report.repositories.some((r) => r.errors.length > 0) ? 1 : 0;
}

/** Warnings and errors (and more with LOG_LEVEL=info|debug) as one JSON line each on stderr; stdout is the plan. */
function createStderrLog(level = "warn"): Log {
  const order = ["debug", "info", "warn", "error"];
  const min = Math.max(0, order.indexOf(level));
  const at = (name: string) => (obj: unknown, msg?: string) => {
    if (order.indexOf(name) < min) return;
    const fields = obj instanceof Error ? { err: obj.message } : (obj as Record<string, unknown>);
    const err = (fields as { err?: unknown })?.err;
    process.stderr.write(JSON.stringify({ level: name, msg, ...fields, ...(err instanceof Error ? { err: err.message } : {}) }) + "\n");
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** `convener sweep` on the process's environment and stdout. */
export const runCommand: CliCommand["run"] = (args) => runSweepCli(args, { env: process.env, write: (t) => void process.stdout.write(t) });
