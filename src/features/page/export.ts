import type { Probot } from "probot";
import type { Clock } from "../../core/clock.js";
import type { GovernanceView } from "./model.js";
import { createPageSource } from "./source.js";

/** Every community the page would show (or just `only`), read once for an export; failures are listed, not fatal. */
export async function readGovernanceViews(
  app: Probot, clock: Clock, env: NodeJS.ProcessEnv, only?: string,
): Promise<{ views: GovernanceView[]; failed: { repo: string; error: string }[] }> {
  const source = createPageSource(app, clock, env);
  const repos = only ? [only] : await source.listRepos();
  const views: GovernanceView[] = [];
  const failed: { repo: string; error: string }[] = [];
  for (const repo of repos) {
    try {
      views.push(await source.read(repo));
    } catch (error) {
      failed.push({ repo, error: (error as Error).message });
    }
  }
  return { views, failed };
}
