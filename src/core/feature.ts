import type { Config } from "../features/config-schema.js";
import type { RouteFactory } from "../http/route-handler.js";
import type { CommandSpec } from "./command-catalog.js";
import type { Plan } from "./plan.js";
import type { SweepContext, SweepJob } from "./sweep.js";

/** Everything `gather` may use: the sweep's read-only services plus the event. It never writes. */
export interface FeatureContext extends SweepContext {
  /** `issues.edited`, `push`, … */
  event: string;
  payload: any;
  deliveryId: string;
  /**
   * Creates, beside the gather's read, labels the verdict will add that the repository may lack
   * (early-labels.ts), so the write does not wait for them. Absent (or a no-op) in dry run.
   */
  prepareLabels?(names: readonly string[]): void;
}

/**
 * A feature is `gather` (read GitHub; return null when the event is not its concern) and a pure
 * `decide` (no I/O, no clock, no env) that returns the writes as a plan, plus what it offers beside
 * webhooks: slash commands, HTTP routes, a sweep job. `src/features/index.ts` lists the features;
 * the dispatcher, the server and the sweep runner do the rest.
 */
export interface Feature<Input = any> {
  name: string;
  /** Webhook names, with or without the action: `issues.edited`, `push`. */
  on: readonly string[];
  /**
   * A cheap filter on the payload alone, run before the configuration is read: false means the event
   * can never concern this feature (e.g. a push to another branch), so it costs no request at all.
   */
  accepts?(event: string, payload: any): boolean;
  /**
   * Keeps an in-process cache in step with GitHub (the calendar feed). Runs for every matching
   * event before any `gather`, the app's own events included (its new notes issue changes the
   * feed), and never reads or writes GitHub.
   */
  observe?(event: string, payload: any): void;
  /** A feature that only serves routes or keeps a cache has no `gather`/`decide`. */
  gather?(ctx: FeatureContext): Promise<Input | null>;
  decide?(input: Input, config: Config, now: Date): Plan;
  /** Timed work this feature does on every sweep (see core/sweep.ts). */
  sweep?: SweepJob;
  /** The slash commands it answers, for `/help` and for telling an unknown command from a known one. */
  commands?: readonly CommandSpec[];
  /** HTTP routes the server exposes for it. */
  routes?: readonly RouteFactory[];
}

export function defineFeature<Input>(feature: Feature<Input>): Feature<Input> {
  return feature;
}
