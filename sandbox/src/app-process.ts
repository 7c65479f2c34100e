import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The project root: this file is `sandbox/src/app-process.ts`, or `sandbox/lib/app-process.js` once built. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The stand-in package's own folder (`sandbox/`). */
const SANDBOX = join(ROOT, "sandbox");

export interface AppKeys {
  privateKey: string;
  publicKey: KeyObject;
}

/** A fresh RSA key for the app, as GitHub generates one per registration. */
export function generateAppKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(), publicKey };
}

/**
 * A port for a child server. Under Jest each worker takes ports from its own block below Linux's
 * ephemeral range (32768+), so neither another worker's server nor any `listen(0)` or outgoing
 * connection can be handed the same port between this check and the child's listen. Elsewhere (the
 * bench, the demo) the system picks one.
 */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID);
  if (!Number.isInteger(worker) || worker < 1) return bindPort(0);
  const base = 20_000 + ((worker - 1) % 50) * 200;
  for (let tries = 0; tries < 200; tries++) {
    const port = base + (nextOffset++ % 200);
    try {
      return await bindPort(port);
    } catch {
      // taken (another run on this machine): try the next one in the block
    }
  }
  return bindPort(0);
}

let nextOffset = Math.floor(Math.random() * 200);

/** Binds `port` on loopback and releases it, resolving with the port bound. */
async function bindPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  port: number;
  /** The app's webhook endpoint. */
  webhookUrl: string;
  /** Everything the server printed (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartAppOptions {
  ghHost: string;
  appId: number;
  privateKey: string;
  webhookSecret: string;
  slug?: string;
  logLevel?: string;
  /** Another app to run under `probot run` (default: Convener itself, started like `npm start`). */
  entry?: string;
  env?: Record<string, string>;
  /** Preload the demo's time machine (`clock-shift.js`): the app's clock can then be moved forward. */
  clockFile?: string;
}

/**
 * Starts the real server exactly as `npm start` does (`node lib/main.js`), pointed at the
 * stand-in through `GHE_HOST`/`GHE_PROTOCOL=http`, on a free loopback port; resolves once `/ping`
 * answers. Never reads a `.env` file: the environment is given here in full.
 */
export async function startApp(options: StartAppOptions): Promise<AppProcess> {
  // A free port can be taken by another test's server between `freePort` and the child's listen
  // (the suites run in parallel workers): a start that lost that race is retried on a new port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAppOnce(options, await freePort());
    } catch (error) {
      if (attempt >= 5 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

/** The child exited because its port was taken before it could listen. */
class PortTakenError extends Error {}

async function startAppOnce(options: StartAppOptions, port: number): Promise<AppProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    APP_ID: String(options.appId),
    PRIVATE_KEY: options.privateKey,
    WEBHOOK_SECRET: options.webhookSecret,
    GHE_HOST: options.ghHost,
    GHE_PROTOCOL: "http",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_SLUG: options.slug ?? "convener",
    LOG_LEVEL: options.logLevel ?? "warn",
    LOG_FORMAT: "json",
    ...faketimeEnv(process.env),
    ...options.env,
  };
  const probot = join(ROOT, "node_modules", "probot", "bin", "probot.js");
  const preload = options.clockFile ? [`--import=${pathToFileURL(join(SANDBOX, "lib", "clock-shift.js")).href}`] : [];
  if (options.clockFile) env.CONVENER_CLOCK_FILE = options.clockFile;
  // `npm start` is `node lib/main.js`; another app (the bench's no-op floor) runs under `probot run`.
  const args = options.entry ? [probot, "run", options.entry] : [join(ROOT, "lib", "main.js")];
  const child = spawn(process.execPath, [...preload, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
  child.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      const message = `the app exited with code ${child.exitCode}:\n${output}`;
      throw output.includes("EADDRINUSE") ? new PortTakenError(message) : new Error(message);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ping`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer /ping within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`, output: () => output, stop };
}

/**
 * Under `faketime` (CI's shifted passes) the test process runs at a shifted date through LD_PRELOAD:
 * the server must run at the same date, or its JWTs and timestamps disagree with the stand-in's.
 */
export function faketimeEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = Object.keys(env).filter((k) => k === "LD_PRELOAD" || k === "DYLD_INSERT_LIBRARIES" || k === "DYLD_FORCE_FLAT_NAMESPACE" || k.startsWith("FAKETIME") || k.startsWith("DONT_FAKE_"));
  return Object.fromEntries(names.map((k) => [k, env[k]!]));
}
