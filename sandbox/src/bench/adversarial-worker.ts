import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { loadParserTargets } from "./adversarial-targets.js";

/**
 * One parser on hostile shapes, in a thread the bench can stop (see adversarial.ts): for each
 * input, a cold run then `warmRuns` runs, each run's time posted as it ends.
 */
export interface RunRequest {
  parser: string;
  inputs: string[];
  size: number;
  warmRuns: number;
}

export interface RunReport {
  input: string;
  run: number;
  ms: number;
  refusal?: string;
}

const request = workerData as RunRequest;
const target = (await loadParserTargets()).find((t) => t.name === request.parser)!;
// Loading the product is not timed: the bench's clock starts here.
parentPort!.postMessage("ready");
for (const name of request.inputs) {
  const text = target.build(target.inputs.find((i) => i.name === name)!, request.size);
  for (let run = 0; run <= request.warmRuns; run++) {
    const variant = target.vary ? target.vary(text, run) : text;
    const start = performance.now();
    const refusal = target.run(variant);
    const report: RunReport = { input: name, run, ms: performance.now() - start, ...(refusal !== undefined ? { refusal } : {}) };
    parentPort!.postMessage(report);
  }
}
parentPort!.postMessage("done");
