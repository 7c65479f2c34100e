import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { faketimeEnv, freePort } from "./app-process.js";

/** Debian's server (`apt-get install redis-server`, see `.ci/run`); `REDIS_SERVER` names another. */
const REDIS_SERVER = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";

export interface RedisProcess {
  port: number;
  /** `redis://127.0.0.1:<port>`: what the app reads from `REDIS_URL`. */
  url: string;
  child: () => ChildProcess;
  /** Stops the server (SIGTERM, no save); its data is gone. */
  stop: () => Promise<void>;
  /** Stops it and starts a fresh one on the same port (empty: nothing was persisted). */
  restart: (downMs?: number) => Promise<void>;
}

/**
 * A real Redis for tests and the bench: on a free loopback port, in a temp directory, with no
 * persistence (no RDB snapshots, no AOF), so every start is empty and nothing is left on disk.
 */
export async function startRedis(): Promise<RedisProcess> {
  const dir = mkdtempSync(join(tmpdir(), "convener-redis-"));
  const port = await freePort();
  let child = await launch(port, dir);
  const stopChild = async () => {
    const current = child;
    if (current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
    current.kill("SIGTERM");
    const timer = setTimeout(() => current.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    child: () => child,
    stop: async () => {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async (downMs = 0) => {
      await stopChild();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      child = await launch(port, dir);
    },
  };
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"];
  const child = spawn(REDIS_SERVER, args, { env: withoutFaketime(process.env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}:\n${output}`);
    if (await answersPing(port)) return child;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not answer PING within 10 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Under CI's shifted passes (`faketime`) the test process carries libfaketime in LD_PRELOAD, and
 * redis-server (jemalloc) cannot start with it. Redis needs no shifted clock: every expiry Convener
 * sets is relative (PX/EX), and the times it stores are the app's own.
 */
function withoutFaketime(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names = new Set(Object.keys(faketimeEnv(env)));
  return Object.fromEntries(Object.entries(env).filter(([k]) => !names.has(k)));
}

/** One inline PING over a raw socket: no client library needed to know the server is up. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => done(d.toString().startsWith("+PONG")));
  });
}
