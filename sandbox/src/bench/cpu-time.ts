import { readdirSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { signBody } from "../webhooks/sender.js";

/**
 * CPU time a process has used, in milliseconds, with nanosecond resolution: the sum over its threads
 * of /proc/<pid>/task/<tid>/schedstat's first field (time on CPU). /proc/<pid>/stat counts in 10 ms
 * ticks, too coarse for one event. Null where /proc has no schedstat (not Linux).
 */
export function cpuMsOf(pid: number): number | null {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

/** Posts one signed delivery (a new delivery id) and waits for the answer. */
export async function postDelivery(url: string, secret: string, event: string, body: string, id: string = randomUUID()): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": signBody(body, secret) },
    body,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t };
}

export const quantileOf = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/**
 * The server's CPU per delivery: `count` deliveries one after the other (after `warmup` unmeasured
 * ones, for the JIT), each the process's CPU time from just before sending to just after the answer
 * (Probot answers once the handlers are done). Returns each delivery's milliseconds.
 */
export async function measureCpuPerDelivery(opts: { pid: number; url: string; secret: string; event: string; body: string; count: number; warmup?: number }): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < (opts.warmup ?? 20) + opts.count; i++) {
    const before = cpuMsOf(opts.pid);
    const { status } = await postDelivery(opts.url, opts.secret, opts.event, opts.body);
    const after = cpuMsOf(opts.pid);
    if (status >= 300) throw new Error(`${opts.event} delivery answered ${status}`);
    if (i >= (opts.warmup ?? 20) && before !== null && after !== null) samples.push(after - before);
  }
  return samples;
}
