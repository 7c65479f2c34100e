import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateAppKeys, startApp, type AppProcess } from "./app-process.js";
import { StandIn } from "./stand-in.js";

export interface Harness {
  standIn: StandIn;
  app: AppProcess;
  secret: string;
  /** The app's id and key, for a second process that authenticates as the app (`convener sweep`). */
  appId: number;
  privateKey: string;
  stop: () => Promise<void>;
  /** Moves the app's clock and the stand-in's clock `ms` forward (needs `timeTravel: true`). */
  advanceClock: (ms: number) => Promise<void>;
}

export interface HarnessOptions {
  appId?: number;
  slug?: string;
  logLevel?: string;
  env?: Record<string, string>;
  /** Start the app with the demo's time machine preloaded (never used for production-like runs). */
  timeTravel?: boolean;
  /** Seeds the stand-in before the app starts. */
  seed?: (standIn: StandIn) => void;
}

/** The stand-in plus the real Convener server wired to it: what the e2e suite, the demo and the bench run. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const appId = options.appId ?? 4242;
  const secret = randomBytes(16).toString("hex");
  const keys = generateAppKeys();
  const standIn = await StandIn.start({ appId, slug: options.slug ?? "convener", webhookSecret: secret, publicKey: keys.publicKey });
  options.seed?.(standIn);
  const clockFile = options.timeTravel ? join(mkdtempSync(join(tmpdir(), "convener-clock-")), "offset") : undefined;
  if (clockFile) writeFileSync(clockFile, "0");
  let offset = 0;
  let app: AppProcess;
  try {
    app = await startApp({
      ghHost: standIn.host, appId, privateKey: keys.privateKey, webhookSecret: secret, slug: options.slug ?? "convener",
      ...(options.logLevel ? { logLevel: options.logLevel } : {}), ...(options.env ? { env: options.env } : {}), ...(clockFile ? { clockFile } : {}),
    });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  standIn.webhooks.url = app.webhookUrl;
  // Deliveries answered early may still be at work (a write waiting its turn): settling waits for them.
  const pendingUrl = `http://127.0.0.1:${app.port}/convener/pending`;
  standIn.busyProbe = async () => {
    try {
      const answer = (await (await fetch(pendingUrl)).json()) as { workAfterAnswer?: number };
      return (answer.workAfterAnswer ?? 0) > 0;
    } catch {
      return false; // the app stopped: nothing of it is pending
    }
  };
  return {
    standIn,
    app,
    secret,
    appId,
    privateKey: keys.privateKey,
    stop: async () => {
      await app.stop();
      await standIn.close();
      if (clockFile) rmSync(dirname(clockFile), { recursive: true, force: true });
    },
    advanceClock: async (ms: number) => {
      if (!clockFile) throw new Error("start the harness with timeTravel: true to move the app's clock");
      offset += ms;
      writeFileSync(clockFile, String(offset));
      app.child.kill("SIGUSR2");
      standIn.control.advanceClock(ms);
      await new Promise((r) => setTimeout(r, 200)); // the signal is handled on the app's next tick
    },
  };
}
