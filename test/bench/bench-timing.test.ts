import { describe, expect, test } from "@jest/globals";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Probot } from "probot";
import { recordDeliveryTimings } from "../../src/core/bench-timing.js";

/** A Probot stand-in with just `onAny`: the handler Convener registers, and a way to deliver to it. */
function fakeApp() {
  const handlers: ((context: any) => Promise<void>)[] = [];
  const app = { onAny: (handler: (context: any) => Promise<void>) => void handlers.push(handler) };
  return { app: app as unknown as Probot, deliver: (context: any) => Promise.all(handlers.map((h) => h(context))) };
}

describe("the bench's delivery timings (CONVENER_BENCH_TIMING_FILE)", () => {
  test("off by default: the handler is registered untouched", () => {
    const { app } = fakeApp();
    const onAny = app.onAny;
    recordDeliveryTimings(app, undefined);
    expect(app.onAny).toBe(onAny);
  });

  test("one line per delivery: its id, event, start and end of the handler, CPU used; also when the handler fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "convener-timing-"));
    try {
      const file = join(dir, "t.jsonl");
      const { app, deliver } = fakeApp();
      recordDeliveryTimings(app, file);
      app.onAny(async (context: any) => {
        await new Promise((r) => setTimeout(r, 30));
        if (context.id === "b") throw new Error("failed");
      });
      await deliver({ id: "a", name: "issues" });
      await expect(deliver({ id: "b", name: "push" })).rejects.toThrow("failed");
      const lines = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.id, l.event])).toEqual([["a", "issues"], ["b", "push"]]);
      for (const l of lines) {
        expect(l.end - l.start).toBeGreaterThanOrEqual(25);
        expect(l.cpuUs).toBeGreaterThanOrEqual(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
