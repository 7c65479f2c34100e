import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { loadParserTargets } from "./adversarial-targets.js";
import type { RunReport, RunRequest } from "./adversarial-worker.js";

/** GitHub's limit for an issue body or a comment, in characters. */
export const BODY_LIMIT = 65_536;
/** The largest file the app reads through the API. */
export const FILE_LIMIT = 1_000_000;
export const TARGET_MS = 50;
const WARM_RUNS = Number(process.env.BENCH_ADVERSARIAL_RUNS ?? 3);
const TIMEOUT_MS = Number(process.env.BENCH_ADVERSARIAL_TIMEOUT_MS ?? 5_000);

export interface ParserFigure {
  parser: string;
  /** The slowest hostile input at 65,536 characters: best of the warm runs for each input, worst over inputs. */
  worstMs: number;
  worstInput: string;
  ok: boolean;
  /** Inputs stopped after the time-out (their time is at least the time-out). */
  timedOut: string[];
  /** Inputs refused rather than read (a limit below 65,536 characters: front matter, the configuration). */
  refused: string[];
  /** The worst shape scaled to 1 MB: its time, or the refusal message, or the time-out. */
  large: { ms: number; refusal?: string; timedOut?: boolean };
}

interface InputTime {
  ms: number;
  refusal?: string;
  timedOut?: boolean;
}

/**
 * Runs every hostile input through every parser at GitHub's body limit: one cold run, then
 * `WARM_RUNS` runs, keeping each input's best warm time (one GC pause does not decide) and each
 * parser's worst input. Then the worst shape at 1 MB. Parsers run in a worker thread stopped after
 * `TIMEOUT_MS` on one run: a parser that runs for minutes is reported, not waited for.
 */
export async function benchAdversarial(onParser?: (figure: ParserFigure) => void): Promise<ParserFigure[]> {
  const targets = await loadParserTargets();
  const figures: ParserFigure[] = [];
  for (const target of targets) {
    const times = await timeInputs(target.name, target.inputs.map((i) => i.name), BODY_LIMIT, WARM_RUNS);
    const [worstInput, worst] = [...times].reduce((a, b) => (b[1].ms > a[1].ms ? b : a));
    const large = (await timeInputs(target.name, [worstInput], FILE_LIMIT, 0)).get(worstInput)!;
    const figure: ParserFigure = {
      parser: target.name, worstMs: worst.ms, worstInput, ok: worst.ms <= TARGET_MS,
      timedOut: [...times].filter(([, t]) => t.timedOut).map(([name]) => name),
      refused: [...times].filter(([, t]) => t.refusal !== undefined).map(([name, t]) => `${name}: ${t.refusal}`),
      large,
    };
    onParser?.(figure);
    figures.push(figure);
  }
  return figures;
}

/** Each input's best warm time (the cold time when `warmRuns` is 0); a stopped worker restarts at the next input. */
async function timeInputs(parser: string, inputs: string[], size: number, warmRuns: number): Promise<Map<string, InputTime>> {
  const times = new Map<string, InputTime>();
  let pending = inputs;
  while (pending.length > 0) {
    const stoppedAt = await runWorker({ parser, inputs: pending, size, warmRuns }, (report) => {
      if (report.run === 0 && warmRuns > 0) return;
      const known = times.get(report.input);
      if (!known || report.ms < known.ms) times.set(report.input, { ms: report.ms, ...(report.refusal !== undefined ? { refusal: report.refusal } : {}) });
    });
    if (stoppedAt === undefined) break;
    // Warm runs that did finish keep their time; an input with none is at least the time-out.
    if (!times.has(stoppedAt)) times.set(stoppedAt, { ms: TIMEOUT_MS, timedOut: true });
    pending = pending.slice(pending.indexOf(stoppedAt) + 1);
  }
  return times;
}

/** Runs one worker; returns the input it was stopped on, or undefined when it finished. */
function runWorker(request: RunRequest, onReport: (report: RunReport) => void): Promise<string | undefined> {
  const worker = new Worker(join(import.meta.dirname, "adversarial-worker.js"), { workerData: request });
  let current = request.inputs[0]!;
  let runsOfCurrent = 0;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void worker.terminate().then(() => resolve(current)), TIMEOUT_MS);
    };
    worker.on("message", (message: RunReport | "ready" | "done") => {
      if (message === "ready") return arm();
      if (message === "done") {
        clearTimeout(timer);
        void worker.terminate().then(() => resolve(undefined));
        return;
      }
      onReport(message);
      runsOfCurrent = message.input === current ? runsOfCurrent + 1 : 1;
      current = message.input;
      // The next message is about the next input once this one has had all its runs.
      if (runsOfCurrent === request.warmRuns + 1) {
        current = request.inputs[request.inputs.indexOf(current) + 1] ?? current;
        runsOfCurrent = 0;
      }
      arm();
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The section's lines for the bench's table. */
export function formatAdversarial(figure: ParserFigure): string[] {
  const pad = (v: unknown, n: number) => String(v).padEnd(n);
  const large = figure.large.timedOut
    ? `did not finish in ${(TIMEOUT_MS / 1000).toFixed(0)} s ✗`
    : figure.large.refusal
      ? `refused in ${figure.large.ms.toFixed(1)} ms: ${figure.large.refusal}`
      : `${figure.large.ms.toFixed(1)} ms`;
  const worst = `${figure.timedOut.includes(figure.worstInput) ? "> " : ""}${figure.worstMs.toFixed(1)} ms ${figure.ok ? "✓" : "✗"}`;
  const lines = [`   ${pad(figure.parser, 48)}${pad(worst, 15)}${pad(figure.worstInput, 34)}${large}`];
  if (figure.timedOut.length > 0) lines.push(`      stopped after ${(TIMEOUT_MS / 1000).toFixed(0)} s on one run: ${figure.timedOut.join(", ")}`);
  for (const r of figure.refused) lines.push(`      refused at 65,536 characters: ${r}`);
  return lines;
}
