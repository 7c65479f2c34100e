import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { loadParserTargets, type ParserTarget } from "./adversarial-targets.js";

/** GitHub's limit for an issue body or a comment, in characters. */
export const BODY_LIMIT = 65_536;
/** The largest file the app reads through the API. */
export const FILE_LIMIT = 1_000_000;
export const TARGET_MS = 50;
const WARM_RUNS = Number(process.env.BENCH_ADVERSARIAL_RUNS ?? 3);
const LARGE_TIMEOUT_MS = Number(process.env.BENCH_ADVERSARIAL_TIMEOUT_MS ?? 20_000);

export interface ParserFigure {
  parser: string;
  /** The slowest hostile input at 65,536 characters: best of the warm runs for each input, worst over inputs. */
  worstMs: number;
  worstInput: string;
  ok: boolean;
  /** Every input refused rather than read (none should be at this size). */
  refused: string[];
  /** The worst shape scaled to 1 MB: its time, or the refusal message, or the time-out. */
  large: { ms: number; refusal?: string; timedOut?: boolean };
}

/**
 * Runs every hostile input through every parser at GitHub's body limit: one cold pass, then
 * `WARM_RUNS` passes, keeping each input's best time (one GC pause does not decide) and each
 * parser's worst input. Then the worst shape at 1 MB, in a worker thread that is stopped after
 * `LARGE_TIMEOUT_MS` (a parser that runs for minutes must not hang the bench).
 */
export async function benchAdversarial(onParser?: (figure: ParserFigure) => void): Promise<ParserFigure[]> {
  const targets = await loadParserTargets();
  const figures: ParserFigure[] = [];
  for (const target of targets) {
    const figure = await measureTarget(target);
    onParser?.(figure);
    figures.push(figure);
  }
  return figures;
}

async function measureTarget(target: ParserTarget): Promise<ParserFigure> {
  const texts = target.inputs.map((input) => ({ name: input.name, text: target.build(input, BODY_LIMIT) }));
  const best = new Map<string, number>();
  const refused = new Set<string>();
  for (let run = 0; run <= WARM_RUNS; run++) {
    for (const { name, text } of texts) {
      const start = performance.now();
      const refusal = target.run(text);
      const ms = performance.now() - start;
      if (refusal !== undefined) refused.add(`${name}: ${refusal}`);
      if (run > 0) best.set(name, Math.min(best.get(name) ?? Infinity, ms));
    }
  }
  const [worstInput, worstMs] = [...best].reduce((a, b) => (b[1] > a[1] ? b : a));
  return { parser: target.name, worstMs, worstInput, ok: worstMs <= TARGET_MS, refused: [...refused], large: await measureLarge(target.name, worstInput) };
}

function measureLarge(parser: string, input: string): Promise<ParserFigure["large"]> {
  const worker = new Worker(join(import.meta.dirname, "adversarial-worker.js"), { workerData: { parser, input, size: FILE_LIMIT } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ms: LARGE_TIMEOUT_MS, timedOut: true });
    }, LARGE_TIMEOUT_MS);
    worker.once("message", (result: ParserFigure["large"]) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
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
    ? `did not finish in ${(LARGE_TIMEOUT_MS / 1000).toFixed(0)} s ✗`
    : figure.large.refusal
      ? `refused in ${figure.large.ms.toFixed(1)} ms: ${figure.large.refusal}`
      : `${figure.large.ms.toFixed(1)} ms`;
  const lines = [`   ${pad(figure.parser, 48)}${pad(`${figure.worstMs.toFixed(1)} ms ${figure.ok ? "✓" : "✗"}`, 13)}${pad(figure.worstInput, 34)}${large}`];
  for (const r of figure.refused) lines.push(`      refused at 65,536 characters (should read it): ${r}`);
  return lines;
}
