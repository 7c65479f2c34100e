import type { Config } from "../config/schema.js";
import type { GitHubReader } from "./github.js";
import type { AppIdentity } from "./identity.js";
import type { Log } from "./log.js";
import type { Plan, RepoRef } from "./plan.js";
import type { RoleResolver } from "./roles.js";
import type { SweepJob } from "./sweep.js";

/** Everything `gather` may use. It reads GitHub; it never writes (the reader refuses writes). */
export interface FeatureContext {
  /** `issues.edited`, `push`, … */
  event: string;
  payload: any;
  deliveryId: string;
  repo: RepoRef;
  github: GitHubReader;
  config: Config;
  roles: RoleResolver;
  identity: AppIdentity;
  log: Log;
  /** The clock, read once per delivery so gather and decide agree on "now". */
  now: Date;
}

/**
 * A feature is `gather` (read GitHub; return null when the event is not its concern) and a pure
 * `decide` (no I/O, no clock, no env) that returns the writes as a plan. `src/features/index.ts`
 * lists the features; the dispatcher does the rest.
 */
export interface Feature<Input = any> {
  name: string;
  /** Webhook names, with or without the action: `issues.edited`, `push`. */
  on: readonly string[];
  gather(ctx: FeatureContext): Promise<Input | null>;
  decide(input: Input, config: Config, now: Date): Plan;
  /** Timed work this feature does on every sweep (see core/sweep.ts). */
  sweep?: SweepJob;
}

export function defineFeature<Input>(feature: Feature<Input>): Feature<Input> {
  return feature;
}
