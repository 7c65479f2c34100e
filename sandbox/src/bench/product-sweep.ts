import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ProbotOctokit } from "probot";
import { ROOT } from "../app-process.js";

/** Convener's sweep run once against the stand-in, as the bench and its test drive it. */
export type SweepRunner = (api: SweepTarget, repo: { owner: string; repo: string }, now: Date) => Promise<void>;

/** Where the sweep runs: the stand-in's API, an installation token, and the app it plays. */
export interface SweepTarget {
  baseUrl: string;
  token: string;
  identity: { appId: number; login: string };
}

/** The slice of the product's `sweep/run-sweep.js` and `features/index.js` the bench uses. */
export interface ProductSweep {
  runSweep: (options: any) => Promise<unknown>;
  features: readonly { name: string }[];
}

/**
 * The product's real sweep runner (`runSweep`), limited to one repository and to the jobs named:
 * the stand-in package never holds a copy of production code, the caller hands the runner in
 * (the bench loads the built product, a test imports its sources).
 */
export function createSweepRunner(product: ProductSweep, jobs: readonly string[]): SweepRunner {
  const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  return async (api, repo, now) => {
    const octokit = new Octokit({ auth: { token: api.token }, baseUrl: api.baseUrl } as never);
    await product.runSweep({
      auth: async () => octokit, features: product.features.filter((f) => jobs.includes(f.name)), confirm: true, only: repo,
      maxWrites: 1000, identity: api.identity, log: silent, clock: () => now,
    });
  };
}

/** The built product (`npm run build`), as `npm start` runs it. */
export async function loadBuiltProduct(): Promise<ProductSweep> {
  const load = (path: string) => import(pathToFileURL(join(ROOT, "lib", path)).href);
  const [{ runSweep }, { features }] = await Promise.all([load("sweep/run-sweep.js"), load("features/index.js")]);
  return { runSweep, features };
}
