import type { Logger } from "pino";
import { ProbotOctokit } from "probot";
import type { Feature } from "../../src/core/feature.js";
import type { OctokitLike } from "../../src/core/github.js";
import { silentLog } from "../../src/core/log.js";
import { retirement } from "../../src/features/retirement/index.js";
import type { StandIn } from "../../sandbox/src/stand-in.js";
import { runSweep, type SweepReport } from "../../src/sweep/run-sweep.js";
import { startStandInApp, type StandInApp } from "./stand-in-app.js";

/**
 * The moment every retirement test starts at. The stand-in's clock is pinned there (whatever the
 * machine's date, e.g. under faketime), so the dates in the app's messages are known in advance.
 */
export const START = "2026-11-24T12:00:00Z";
export const DAY = 86_400_000;
const SWEEP_TOKEN = "retirement-sweep-token";

export interface RetirementApp extends StandInApp {
  /** The app's and the sweep's clock: the stand-in's clock, plus `appAheadMs`. */
  now: () => Date;
  /** Moves the stand-in's clock, and with it the app's and the sweep's. */
  advanceDays: (days: number) => void;
  /** The app's clock runs this far ahead of the stand-in's: a delivery handled late. */
  setAppAhead: (ms: number) => void;
  /** One run of the real sweep runner (`src/sweep/run-sweep.ts`) over the stand-in, then settles. */
  sweep: (options?: { confirm?: boolean; features?: readonly Feature[] }) => Promise<SweepReport>;
}

/** The stand-in seeded by `seed` at `START`, the app in process, and the sweep runner pointed at both. */
export async function startRetirementApp(seed: (s: StandIn) => void, options: { log?: Logger } = {}): Promise<RetirementApp> {
  let standIn: StandIn | undefined;
  let aheadMs = 0;
  const now = () => new Date(Date.parse(standIn!.state.now()) + aheadMs);
  const world = await startStandInApp({
    ...options,
    clock: now,
    seed: (s) => {
      standIn = s;
      // advanceClock adds an offset; a negative one pins the clock to START on any machine date.
      s.control.advanceClock(Date.parse(START) - Date.parse(s.state.now()));
      s.tokens.add(SWEEP_TOKEN);
      seed(s);
    },
  });
  const octokit = new ProbotOctokit({
    auth: { token: SWEEP_TOKEN }, baseUrl: world.standIn.urls.api, retry: { enabled: false }, throttle: { enabled: false },
  } as never) as unknown as OctokitLike;
  return {
    ...world,
    now,
    advanceDays: (days) => world.standIn.control.advanceClock(days * DAY),
    setAppAhead: (ms) => void (aheadMs = ms),
    sweep: async ({ confirm = true, features = [retirement] } = {}) => {
      const report = await runSweep({
        auth: async () => octokit, features, confirm, maxWrites: 30, identity: { appId: 1, login: "convener[bot]" }, log: silentLog, clock: now,
      });
      await world.settle();
      // A job's failure is only reported, not thrown: a test must not pass on a sweep that read nothing.
      const errors = report.repositories.flatMap((r) => r.errors);
      if (errors.length > 0) throw new Error(`the sweep failed: ${errors.join("; ")}`);
      return report;
    },
  };
}

/** The kinds of the actions a sweep planned (`issue.create`, `comment.create`, …), across repositories. */
export function plannedKinds(report: SweepReport): string[] {
  return report.repositories.flatMap((r) => r.planned.map((line) => line.split(" ")[0]!));
}
