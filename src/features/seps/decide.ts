import type { Config } from "../config-schema.js";
import { planCheckRun } from "../../core/check-runs.js";
import { planLabels, type Plan } from "../../core/plan.js";
import { checkSepFile, parseSepWithinLimit, type FileFindings } from "./check-sep-file.js";
import type { SepsInput } from "./gather.js";
import { statusOf } from "./rules/lifecycle.js";
import { renderCheckOutput } from "./render-check.js";

/**
 * A new `SEP metadata` check run per pull request evaluated, unless the app's latest run on the head
 * already shows this result (see planCheckRun). Two PRs with the same head commit share one run.
 */
export function decideSeps(input: SepsInput, config: Config, now: Date): Plan {
  const cfg = config.seps;
  const plan: Plan = [];
  const heads = new Set<string>();
  for (const pull of input.pulls) {
    if (heads.has(pull.headSha)) continue;
    heads.add(pull.headSha);
    const results: FileFindings[] = pull.files.map((file) => ({
      path: file.path,
      findings: checkSepFile(
        file.text,
        { path: file.path, prNumber: pull.number, baseText: file.baseText, labels: pull.labels, sponsorRoles: input.sponsorRoles, registry: input.registry },
        cfg,
        now,
      ),
    }));
    const output = renderCheckOutput(results, { skipped: pull.skippedFiles, unlisted: pull.unlistedFiles });
    const run = {
      target: input.repo,
      name: cfg.checkName,
      headSha: pull.headSha,
      completedAt: now.toISOString(),
      ...output,
      reason: `PR #${pull.number} changes ${pull.files.length + pull.skippedFiles.length} SEP file(s)`,
    };
    plan.push(...planCheckRun(run, pull.latestRun, input.trigger));
    plan.push(...planStateLabel(input, pull, config));
  }
  return plan;
}

/** With `seps.syncLabels: true`, the PR's state label follows the Status of its single SEP file. */
function planStateLabel(input: SepsInput, pull: SepsInput["pulls"][number], config: Config): Plan {
  const cfg = config.seps;
  const only = pull.files.length === 1 ? pull.files[0] : undefined;
  const sep = cfg.syncLabels && only ? parseSepWithinLimit(only.text, cfg) : null;
  if (!only || !sep) return [];
  const status = statusOf(sep, cfg);
  const want = status ? cfg.stateLabels[status] : undefined;
  const all = [...Object.values(cfg.stateLabels), ...cfg.otherStateLabels];
  // Not a spread of the repository: its node id is not the PR's.
  const target = { owner: input.repo.owner, repo: input.repo.repo, issue: pull.number, ...(pull.nodeId ? { nodeId: pull.nodeId } : {}) };
  return planLabels(target, pull.labels, want ? [want] : [], all, `the Status of ${only.path} is ${status ?? "unknown"}`);
}
