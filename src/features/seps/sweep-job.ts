import type { SweepJob } from "../../core/sweep.js";
import type { SepsConfig } from "./config.js";
import { decideSeps } from "./decide.js";
import { readPull, readRegistryIfNamed, resolveSponsors, type SepPullInput, type SepsInput } from "./gather.js";
import { SEP_OPEN_PULLS_QUERY, type OpenPullsData } from "./query.js";
import { isSepPath } from "./sep-files.js";

type OpenPull = NonNullable<NonNullable<NonNullable<NonNullable<OpenPullsData["repository"]>["pullRequests"]>["nodes"]>[number]>;

const touchesSeps = (pr: OpenPull, config: SepsConfig) =>
  (pr.files?.nodes ?? []).some((f) => f.changeType !== "DELETED" && isSepPath(f.path, config));

/** Any run of the check by this app (any app when its id is unknown) on the PR's head commit. */
const hasAppRun = (pr: OpenPull, appId: number | undefined) =>
  (pr.commits?.nodes?.[0]?.commit.checkSuites?.nodes ?? []).some((s) => (appId === undefined || s.app?.databaseId === appId) && (s.checkRuns?.totalCount ?? 0) > 0);

/**
 * Repair: a webhook that failed after its retries (or never came) leaves an open SEP PR's head
 * without a `SEP metadata` run, and a required check then blocks the PR with nothing to re-run. The
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
      .filter((pr): pr is OpenPull => pr !== null && touchesSeps(pr, config) && !hasAppRun(pr, ctx.identity.appId))
      .slice(0, ctx.config.sweep.maxWritesPerRun);
    const pulls: SepPullInput[] = [];
    for (const pr of missing) {
      // The head read above: if a push moved it since, that push's own event checks the new head.
      const pull = await readPull(ctx, config, pr.number, pr.headRefOid);
      if (pull && pull.latestRun === null) pulls.push(pull);
    }
    if (pulls.length === 0) return null;
    return {
      repo: ctx.repo,
      pulls,
      sponsorRoles: await resolveSponsors(ctx, config, pulls),
      registry: await readRegistryIfNamed(ctx, pulls),
      trigger: { rerequested: false },
    };
  },
  decide: decideSeps,
};
