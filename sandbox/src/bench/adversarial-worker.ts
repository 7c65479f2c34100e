import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { loadParserTargets } from "./adversarial-targets.js";

/** One parser on one hostile shape at file size, in a thread the bench can stop (see adversarial.ts). */
const { parser, input, size } = workerData as { parser: string; input: string; size: number };
const target = (await loadParserTargets()).find((t) => t.name === parser)!;
const shape = target.inputs.find((i) => i.name === input)!;
const text = target.build(shape, size);
const start = performance.now();
const refusal = target.run(text);
parentPort!.postMessage({ ms: performance.now() - start, ...(refusal !== undefined ? { refusal } : {}) });
