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
 * Timed work (vote deadlines, retirement reviews) that no webhook triggers. Same shape as a
 * feature: `gather` reads, `decide` is pure. The sweep runner (CLI, schedule, HTTP trigger) visits
 * every configured repository, runs each job and applies the plans under a per-run write cap.
 */
export interface SweepJob<Input = any> {
  name: string;
  gather(ctx: SweepContext): Promise<Input | null>;
  decide(input: Input, config: Config, now: Date): Plan;
}
