import type { Config } from "../features/config-schema.js";
import type { GitHubReader } from "./github.js";
import type { AppIdentity } from "./identity.js";
import type { Log } from "./log.js";
import type { Plan, RepoRef } from "./plan.js";
import type { RoleResolver } from "./roles.js";

/** What a sweep job may use for one repository: the same read-only services as `gather`. */
export interface SweepContext {
  repo: RepoRef;
  github: GitHubReader;
  config: Config;
  roles: RoleResolver;
  identity: AppIdentity;
  log: Log;
  now: Date;
}

/**
 * Writes that go together or wait together for the next run (e.g. a review's closing comment, its
 * label removal and its close: never a half-closed review), in the order they should be done.
 */
export interface SweepUnits {
  units: Plan[];
}

/** A plain plan caps action by action; `units` caps unit by unit. */
export type SweepPlan = Plan | SweepUnits;

/**
 * Timed work (vote deadlines, retirement reviews) that no webhook triggers. Same shape as a
 * feature: `gather` reads, `decide` is pure. The sweep runner (CLI, schedule, HTTP trigger) visits
 * every configured repository, runs each job and applies the plans under the one write cap, which is
 * the runner's alone: a job plans everything it would do, so what waits is counted in the report.
 */
export interface SweepJob<Input = any> {
  name: string;
  gather(ctx: SweepContext): Promise<Input | null>;
  decide(input: Input, config: Config, now: Date): SweepPlan;
  /** A tighter limit for this job's writes within the run's cap (a feature's older setting). */
  maxWrites?(config: Config): number | undefined;
}

export function listUnits(plan: SweepPlan): Plan[] {
  return Array.isArray(plan) ? plan.map((action) => [action]) : plan.units;
}

/**
 * The units that fit in `cap` writes, in order; the first that does not fit and every later one wait,
 * so a run never skips ahead of more urgent work.
 */
export function splitAtCap(units: readonly Plan[], cap: number): { now: Plan; left: Plan } {
  const now: Plan = [];
  let i = 0;
  for (; i < units.length; i++) {
    if (now.length + units[i]!.length > cap) break;
    now.push(...units[i]!);
  }
  return { now, left: units.slice(i).flat() };
}
