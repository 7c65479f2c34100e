import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Redis } from "ioredis";
import { startRedis, type RedisProcess } from "../../sandbox/src/redis-server.js";
import { withLock } from "../../src/core/lock.js";
import { createWriteSpacer } from "../../src/core/octokit.js";
import { recordDeliveryHandled, wasDeliveryHandled } from "../../src/shared-state/delivery-log.js";
import { onEventElsewhere, publishEvent } from "../../src/shared-state/event-broadcast.js";
import { acquireRedisLock } from "../../src/shared-state/redis-lock.js";
import { closeSharedRedis, pingRedis, sharedRedis, SharedStateUnavailableError } from "../../src/shared-state/redis.js";
import { sharedWriteLane } from "../../src/shared-state/write-lane.js";
import { silentLog } from "../../src/core/log.js";
import { runSweepCli } from "../../src/cli/sweep.js";
import { generateAppKeys } from "../../sandbox/src/app-process.js";

/**
 * The shared state against a real Redis (Debian's redis-server, started empty for this file):
 * locks, the delivery log, event broadcast, the shared write lane, and what happens when Redis
 * goes away and comes back. Several replicas are stood in for by several clients / spacers.
 */
describe("shared state in Redis", () => {
  let redis: RedisProcess;
  let other: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    process.env.REDIS_URL = redis.url;
    other = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  }, 30_000);
  afterAll(async () => {
    other?.disconnect();
    await closeSharedRedis();
    delete process.env.REDIS_URL;
    await redis?.stop();
  });

  test("a lock is exclusive, renewed while held, and released only by its holder", async () => {
    const client = sharedRedis()!;
    const first = await acquireRedisLock(client, "t1", { ttlMs: 600, waitMs: 0 });
    expect(first).not.toBeNull();
    expect(await acquireRedisLock(client, "t1", { ttlMs: 600, waitMs: 0 })).toBeNull();
    // Renewed: still held well past its 600 ms time to live.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await acquireRedisLock(client, "t1", { ttlMs: 600, waitMs: 0 })).toBeNull();
    await first!.release();
    const second = await acquireRedisLock(client, "t1", { ttlMs: 600, waitMs: 0 });
    expect(second).not.toBeNull();
    await second!.release();
  }, 20_000);

  test("a holder that died (no renewal) blocks the key only until the lock expires; its late release frees nothing", async () => {
    await other.set("convener:lock:t2", "dead-replica", "PX", 1_000);
    const started = Date.now();
    const lock = await acquireRedisLock(sharedRedis()!, "t2", { waitMs: 10_000 });
    expect(lock).not.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    // The dead holder's token no longer matches: a compare-and-delete with it leaves the new lock.
    await other.eval(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`, 1, "convener:lock:t2", "dead-replica");
    expect(await other.exists("convener:lock:t2")).toBe(1);
    await lock!.release();
    expect(await other.exists("convener:lock:t2")).toBe(0);
  }, 20_000);

  test("withLock waits for another replica's hold on the issue", async () => {
    await other.set("convener:lock:issue:o/r#1", "elsewhere", "PX", 30_000);
    let ran = false;
    const running = withLock("o/r#1", async () => {
      ran = true;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(ran).toBe(false);
    await other.del("convener:lock:issue:o/r#1");
    await running;
    expect(ran).toBe(true);
  }, 20_000);

  test("a delivery is recorded once handled and then known to every replica", async () => {
    expect(await wasDeliveryHandled("d-1")).toBe(false);
    await recordDeliveryHandled("d-1", silentLog);
    expect(await wasDeliveryHandled("d-1")).toBe(true);
    expect(await other.exists("convener:delivery:d-1")).toBe(1);
  });

  test("events another replica published reach this one's caches; its own are not applied twice", async () => {
    const seen: string[] = [];
    const stop = onEventElsewhere((event) => void seen.push(event), silentLog);
    await new Promise((r) => setTimeout(r, 300)); // subscribed
    await publishEvent("push", { ref: "refs/heads/main" }); // this replica's own: ignored
    await other.publish("convener:events", JSON.stringify({ origin: "another-replica", event: "membership.added", payload: {} }));
    await other.publish("convener:events", "not json");
    const deadline = Date.now() + 5_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    stop();
    expect(seen).toEqual(["membership.added"]);
  }, 20_000);

  test("two replicas' write spacers never overlap and keep the gap between deliveries", async () => {
    const spacers = [createWriteSpacer(400, Date.now, sharedWriteLane), createWriteSpacer(400, Date.now, sharedWriteLane)];
    const spans: { start: number; end: number }[] = [];
    const write = async () => {
      const start = Date.now();
      await new Promise((r) => setTimeout(r, 100));
      spans.push({ start, end: Date.now() });
    };
    await Promise.all([0, 1, 2, 3].map((i) => spacers[i % 2]!("inst-1", write)));
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(390);
  }, 20_000);

  test("`convener sweep --confirm` declines while another replica holds the sweep lock, before asking GitHub anything", async () => {
    await other.set("convener:lock:sweep", "another-replica", "PX", 30_000);
    let written = "";
    const env = { APP_ID: "1", PRIVATE_KEY: generateAppKeys().privateKey, REDIS_URL: redis.url, GHE_HOST: "127.0.0.1:1", GHE_PROTOCOL: "http" };
    const code = await runSweepCli(["--confirm"], { env, write: (t) => void (written += t) });
    expect(code).toBe(75);
    expect(written).toContain("already running");
    await other.del("convener:lock:sweep");
  }, 20_000);

  test("Redis down: commands fail fast as 503; /ready's status says so; Redis back: all works again", async () => {
    expect(await pingRedis()).toMatchObject({ configured: true, ok: true });
    const child = redis.child();
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const started = Date.now();
    const failure = await wasDeliveryHandled("d-2").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SharedStateUnavailableError);
    expect((failure as SharedStateUnavailableError).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(withLock("o/r#2", async () => "ran")).rejects.toBeInstanceOf(SharedStateUnavailableError);
    expect(await pingRedis()).toMatchObject({ configured: true, ok: false });
    await redis.restart(0);
    const deadline = Date.now() + 10_000;
    while (!(await pingRedis()).ok && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await pingRedis()).toMatchObject({ ok: true });
    await expect(withLock("o/r#2", async () => "ran")).resolves.toBe("ran");
  }, 40_000);
});
