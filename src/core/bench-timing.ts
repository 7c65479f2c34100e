import { appendFileSync } from "node:fs";
import type { Probot } from "probot";
import { WORK_AFTER_ANSWER } from "./deferred-answer.js";

/**
 * For `npm run bench` only, off unless `CONVENER_BENCH_TIMING_FILE` names a file: appends one JSON
 * line per webhook delivery handled, with when Convener's handler started, returned (the answer) and
 * its work ended (later, for a delivery answered early; ms since the epoch) and the CPU the process used meanwhile (µs, `process.cpuUsage`). The bench needs when each
 * delivery's work ended even when deliveries overlap or are answered early (202 after 9 s), and CPU
 * finer than /proc's 10 ms tick.
 */
export function recordDeliveryTimings(app: Probot, file = process.env.CONVENER_BENCH_TIMING_FILE): void {
  if (!file) return;
  const onAny = app.onAny;
  app.onAny = (handler) =>
    onAny(async (context) => {
      const start = Date.now();
      const cpu = process.cpuUsage();
      const record = (answered: number) => {
        const used = process.cpuUsage(cpu);
        appendFileSync(file, JSON.stringify({ id: context.id, event: context.name, start, answered, end: Date.now(), cpuUs: used.user + used.system }) + "\n");
      };
      try {
        await handler(context);
      } finally {
        const answered = Date.now();
        // A delivery answered early goes on working: its line is written when that work ends.
        const work = (context as unknown as Record<symbol, Promise<unknown> | undefined>)[WORK_AFTER_ANSWER];
        if (work) void work.catch(() => undefined).then(() => record(answered));
        else record(answered);
      }
    });
}
