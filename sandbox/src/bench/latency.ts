import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { signBody } from "../webhooks/sender.js";

export interface LatencyRun {
  label: string;
  events: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  rss?: { peakMb: number; after1000Mb?: number; after2000Mb?: number; growthPct?: number };
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * Sends `count` signed deliveries of the same event (new delivery id each) one after the other and
 * times the app's replies; samples the app's memory after 1,000 and 2,000 events.
 */
export async function sendDeliveries(opts: { label: string; url: string; secret: string; event: string; body: string; count: number; pid?: number }): Promise<LatencyRun> {
  const signature = signBody(opts.body, opts.secret);
  const times: number[] = [];
  let non2xx = 0;
  const rss: NonNullable<LatencyRun["rss"]> = { peakMb: 0 };
  const started = performance.now();
  for (let i = 1; i <= opts.count; i++) {
    const t = performance.now();
    const res = await fetch(opts.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": opts.event, "x-github-delivery": randomUUID(), "x-hub-signature-256": signature },
      body: opts.body,
    });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status >= 300) non2xx++;
    if (opts.pid && (i === 1000 || i === 2000 || i % 100 === 0)) {
      const m = memoryOf(opts.pid);
      if (m) {
        rss.peakMb = Math.max(rss.peakMb, m.peakMb);
        if (i === 1000) rss.after1000Mb = m.rssMb;
        if (i === 2000) rss.after2000Mb = m.rssMb;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  if (rss.after1000Mb && rss.after2000Mb) rss.growthPct = ((rss.after2000Mb - rss.after1000Mb) / rss.after1000Mb) * 100;
  return {
    label: opts.label, events: opts.count, seconds, perSecond: opts.count / seconds,
    p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1)!, non2xx,
    ...(opts.pid ? { rss } : {}),
  };
}
