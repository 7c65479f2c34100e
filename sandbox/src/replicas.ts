import { randomBytes } from "node:crypto";
import { generateAppKeys, startApp, type AppProcess } from "./app-process.js";
import { startRedis, type RedisProcess } from "./redis-server.js";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy.js";
import { StandIn } from "./stand-in.js";

/** Several real servers on one Redis behind a round-robin proxy, and the stand-in delivering to the proxy. */
export interface ReplicaWorld {
  standIn: StandIn;
  redis: RedisProcess;
  apps: AppProcess[];
  proxy: RoundRobinProxy;
  /** The proxy's webhook URL (what GitHub is told). */
  webhookUrl: string;
  sweepToken: string;
  /** Starts one more replica (e.g. after one was killed) and adds it to the proxy. */
  addReplica: () => Promise<AppProcess>;
  stop: () => Promise<void>;
}

export interface ReplicaWorldOptions {
  replicas: number;
  seed?: (standIn: StandIn) => void;
  env?: Record<string, string>;
  logLevel?: string;
}

export async function startReplicaWorld(options: ReplicaWorldOptions): Promise<ReplicaWorld> {
  const appId = 4242;
  const secret = randomBytes(16).toString("hex");
  const sweepToken = randomBytes(16).toString("hex");
  const keys = generateAppKeys();
  const standIn = await StandIn.start({ appId, slug: "convener", webhookSecret: secret, publicKey: keys.publicKey });
  options.seed?.(standIn);
  const redis = await startRedis();
  const apps: AppProcess[] = [];
  const proxy = await startRoundRobinProxy([]);
  const addReplica = async () => {
    const app = await startApp({
      ghHost: standIn.host, appId, privateKey: keys.privateKey, webhookSecret: secret, slug: "convener",
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
      env: { REDIS_URL: redis.url, SWEEP_TOKEN: sweepToken, ...options.env },
    });
    apps.push(app);
    proxy.targets.push(`http://127.0.0.1:${app.port}`);
    return app;
  };
  const stop = async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await proxy.close();
    await redis.stop();
    await standIn.close();
  };
  try {
    // One after the other: each start compiles nothing but loads the app, which is CPU-bound.
    for (let i = 0; i < options.replicas; i++) await addReplica();
  } catch (error) {
    await stop();
    throw error;
  }
  const webhookUrl = `${proxy.url}/api/github/webhooks`;
  standIn.webhooks.url = webhookUrl;
  // Deliveries answered early may still be at work on any replica: settling waits for all of them.
  standIn.busyProbe = async () => {
    const pending = await Promise.all(apps.map(async (app) => {
      try {
        const answer = (await (await fetch(`http://127.0.0.1:${app.port}/convener/pending`)).json()) as { workAfterAnswer?: number };
        return (answer.workAfterAnswer ?? 0) > 0;
      } catch {
        return false; // stopped or killed: nothing of it is pending
      }
    }));
    return pending.some(Boolean);
  };
  return { standIn, redis, apps, proxy, webhookUrl, sweepToken, addReplica, stop };
}
