import type { SweepJob } from "../../core/sweep.js";
import type { SepsConfig } from "./config.js";
import { decideSeps } from "./decide.js";
import { assembleSepsInput, readPull, type SepPullInput, type SepsInput } from "./gather.js";
import { SEP_OPEN_PULLS_QUERY, type OpenPullsData } from "./query.js";
import { isSepPath } from "./sep-files.js";

type OpenPull = NonNullable<NonNullable<NonNullable<NonNullable<OpenPullsData["repository"]>["pullRequests"]>["nodes"]>[number]>;

const touchesSeps = (pr: OpenPull, config: SepsConfig) =>
  (pr.files?.nodes ?? []).some((f) => f.changeType !== "DELETED" && isSepPath(f.path, config));

/** A run still in progress this long after its start was left half-done (its later batches failed). */
const STUCK_AFTER_MS = 10 * 60_000;

/**
 * The head has a finished run of the check by this app (any app when its id is unknown), or one
 * being written right now: a run in progress is only given up once it is clearly stuck.
 */
const hasAppRun = (pr: OpenPull, appId: number | undefined, now: Date) =>
  (pr.commits?.nodes?.[0]?.commit.checkSuites?.nodes ?? []).some((s) => {
    if (appId !== undefined && s.app?.databaseId !== appId) return false;
    const run = s.checkRuns?.nodes?.[0];
    if (!run) return false;
    return run.status === "COMPLETED" || now.getTime() - Date.parse(run.startedAt ?? "") < STUCK_AFTER_MS;
  });

/**
 * Repair: a webhook that failed after its retries (or never came) leaves an open SEP PR's head
 * without a `SEP metadata` run, or with one stuck in progress, and a required check then blocks the
 * PR with nothing to re-run. The
 * sweep finds those heads in one query and checks them like a push would; at most as many PRs as the
 * sweep may write for, so its reads stay bounded too.
 */
export const sepsSweep: SweepJob<SepsInput> = {
  name: "seps",
  async gather(ctx) {
    const config = ctx.config.seps;
    if (!config.enabled) return null;
    const data = await ctx.github.graphql<OpenPullsData>(SEP_OPEN_PULLS_QUERY, { owner: ctx.repo.owner, repo: ctx.repo.repo, checkName: config.checkName });
    const missing = (data?.repository?.pullRequests?.nodes ?? [])
      .filter((pr): pr is OpenPull => pr !== null && touchesSeps(pr, config) && !hasAppRun(pr, ctx.identity.appId, ctx.now))
      .slice(0, ctx.config.sweep.maxWritesPerRun);
    const pulls: SepPullInput[] = [];
    for (const pr of missing) {
      // The head read above: if a push moved it since, that push's own event checks the new head.
      const pull = await readPull(ctx, config, pr.number, pr.headRefOid);
      if (pull && pull.latestRun?.status !== "COMPLETED") pulls.push(pull);
    }
    return assembleSepsInput(ctx, config, pulls, { rerequested: false });
  },
  decide: decideSeps,
};
