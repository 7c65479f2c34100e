import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT } from "../app-process.js";

export const CHECK_SEPS_TARGET_S = 0.5;
const RUNS = 3;

export interface CheckSepsFigure {
  files: number;
  /** Best wall time of the whole process over `runs`; NaN when the fixtures are not there. */
  seconds: number;
  runs: number;
  all: number[];
  /** The CLI's own summary line (files, errors, warnings). */
  summary: string;
}

/** The real MCP SEP files beside the project (`../shared/fixtures/mcp`): merged ones and those from PR branches. */
function listRealSeps(): string[] {
  const base = join(ROOT, "..", "shared", "fixtures", "mcp");
  return ["seps", "seps-from-pr-branches"].flatMap((folder) => {
    const dir = join(base, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((name) => /^\d+-.*\.md$/.test(name)).sort().map((name) => join(dir, name));
  });
}

/** `node lib/cli/main.js check-seps <files>` as a user runs it: wall time of the whole process, best of 3. */
export async function benchCheckSeps(): Promise<CheckSepsFigure> {
  const files = listRealSeps();
  if (files.length === 0) return { files: 0, seconds: NaN, runs: 0, all: [], summary: "the shared SEP fixtures are not beside the project" };
  const all: number[] = [];
  let summary = "";
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, [join(ROOT, "lib", "cli", "main.js"), "check-seps", ...files], { cwd: ROOT, encoding: "utf8" });
    all.push((performance.now() - start) / 1000);
    if (child.status !== 0 && child.status !== 1) throw new Error(`check-seps exited with ${child.status}: ${child.stderr}`);
    summary = child.stderr.trim().split("\n").at(-1) ?? "";
  }
  return { files: files.length, seconds: Math.min(...all), runs: RUNS, all, summary };
}
