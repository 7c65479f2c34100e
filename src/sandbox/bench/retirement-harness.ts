import type { Config } from "../../features/config-schema.js";
import { applyPlan } from "../../core/apply-plan.js";
import { createGitHubReader, createTeamReader, type OctokitLike } from "../../core/github.js";
import type { AppIdentity } from "../../core/identity.js";
import { silentLog } from "../../core/log.js";
import type { Plan, RepoRef } from "../../core/plan.js";
import { createRoleResolver } from "../../core/roles.js";
import { listUnits, splitAtCap, type SweepContext } from "../../core/sweep.js";
import { retirementSweep } from "../../features/retirement/index.js";

/**
 * Runs the retirement SweepJob for one repository the way the sweep runner does: gather with a
 * read-only GitHub, the pure decide, the write cap, then applyPlan (the one writer). Used until/unless a test goes
 * through the runner in `src/sweep/`.
 */
export async function runRetirementSweep(
  octokit: OctokitLike, repo: RepoRef, config: Config, identity: AppIdentity, now: Date,
): Promise<Plan> {
  const github = createGitHubReader(octokit);
  const ctx: SweepContext = {
    repo, github, config, identity, now, log: silentLog,
    roles: createRoleResolver(config.roles, createTeamReader(github)),
  };
  const input = await retirementSweep.gather(ctx);
  const units = input ? listUnits(retirementSweep.decide(input, config, now)) : [];
  const cap = Math.min(config.sweep.maxWritesPerRun, retirementSweep.maxWrites?.(config) ?? Infinity);
  const plan = splitAtCap(units, cap).now;
  await applyPlan(octokit, plan, { dryRun: false, log: silentLog, identity });
  return plan;
}
