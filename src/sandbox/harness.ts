import { randomBytes } from "node:crypto";
import { generateAppKeys, startApp, type AppProcess } from "./app-process.js";
import { StandIn } from "./stand-in.js";

export interface Harness {
  standIn: StandIn;
  app: AppProcess;
  secret: string;
  stop: () => Promise<void>;
}

export interface HarnessOptions {
  appId?: number;
  slug?: string;
  logLevel?: string;
  env?: Record<string, string>;
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
  let app: AppProcess;
  try {
    app = await startApp({
      ghHost: standIn.host, appId, privateKey: keys.privateKey, webhookSecret: secret, slug: options.slug ?? "convener",
      ...(options.logLevel ? { logLevel: options.logLevel } : {}), ...(options.env ? { env: options.env } : {}),
    });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  standIn.webhooks.url = app.webhookUrl;
  return {
    standIn,
    app,
    secret,
    stop: async () => {
      await app.stop();
      await standIn.close();
    },
  };
}
