import { loadConfig, type Config } from "../features/config-schema.js";
import { applyPlan } from "../core/apply-plan.js";
import type { Clock } from "../core/clock.js";
import type { Feature } from "../core/feature.js";
import { createGitHubReader, createTeamReader, isNotFound, type OctokitLike } from "../core/github.js";
import type { AppIdentity } from "../core/identity.js";
import type { Log } from "../core/log.js";
import { describeAction, type Plan, type RepoRef } from "../core/plan.js";
import { listUnits, splitAtCap } from "../core/sweep.js";
import { createRoleResolver } from "../core/roles.js";
import { recordSweepRun } from "../metrics/record.js";

/** An authenticated Octokit: the app itself (no id) or one installation. Probot's `auth` fits. */
export type AuthFn = (installationId?: number) => Promise<OctokitLike & { config?: unknown }>;

export interface SweepOptions {
  auth: AuthFn;
  features: readonly Feature[];
  /** Without it the sweep only prints its plan. */
  confirm: boolean;
  /** Only this repository (`owner/name`). */
  only?: RepoRef;
  /** Most writes in this run, across all repositories. */
  maxWrites: number;
  identity: AppIdentity;
  log: Log;
  /** Read once per run: every job of the run decides at the same moment. */
  clock: Clock;
}

export interface RepoReport {
  repo: string;
  planned: string[];
  applied: number;
  /** Actions over the write cap: the next run does them (plans are recomputed, so nothing is lost). */
  left: string[];
  errors: string[];
}

export interface SweepReport {
  confirm: boolean;
  repositories: RepoReport[];
  planned: number;
  applied: number;
  left: number;
}

/**
 * Visits every installation and every repository configured for Convener (its own
 * `.github/convener.yml` or its owner's `.github` repository's), runs each
 * feature's sweep job (gather reads, decide plans) and applies the plans under a write cap. Every
 * job recomputes from GitHub's state, so a second run (or two at once) converges on the same state.
 */
export async function runSweep(o: SweepOptions): Promise<SweepReport> {
  const app = await o.auth();
  // The app's installations and their repositories are read whole: the sweep must visit every one,
  // and this costs one request per 100 per sweep, never per event.
  const installations = (await app.paginate("GET /app/installations", { per_page: 100 })) as { id: number; account?: { login?: string } }[];
  const report: SweepReport = { confirm: o.confirm, repositories: [], planned: 0, applied: 0, left: 0 };
  const now = o.clock();
  let budget = o.maxWrites;
  const orgConfigs = new Map<string, Promise<boolean>>();
  for (const installation of installations) {
    if (o.only && installation.account?.login && installation.account.login.toLowerCase() !== o.only.owner.toLowerCase()) continue;
    // One suspended installation or one unreadable repository must not stop the sweep of the others.
    let octokit: OctokitLike & { config?: unknown };
    let repos: { name: string; owner: { login: string }; archived?: boolean }[];
    try {
      octokit = await o.auth(installation.id);
      repos = (await octokit.paginate("GET /installation/repositories", { per_page: 100 })) as typeof repos;
    } catch (error) {
      o.log.error({ err: error, installation: installation.id }, "sweep could not read an installation");
      report.repositories.push(failed(`installation ${installation.id} (${installation.account?.login ?? "?"})`, error));
      continue;
    }
    for (const r of repos) {
      const repo = { owner: r.owner.login, repo: r.name };
      if (r.archived || (o.only && !sameRepo(o.only, repo))) continue;
      let result: RepoReport | null;
      try {
        result = await sweepRepository(octokit, repo, { ...o, orgConfigs }, budget, now);
      } catch (error) {
        o.log.error({ err: error, repo: `${repo.owner}/${repo.repo}` }, "sweep could not read a repository");
        result = failed(`${repo.owner}/${repo.repo}`, error);
      }
      if (!result) continue;
      budget -= result.applied;
      report.repositories.push(result);
      report.planned += result.planned.length;
      report.applied += result.applied;
      report.left += result.left.length;
    }
  }
  if (o.confirm) recordSweepRun(report);
  return report;
}

/** What sweeping one repository needs: the run's features, identity, log and whether to write. */
export type RepositorySweepOptions = Pick<SweepOptions, "features" | "confirm" | "identity" | "log"> & {
  /** Per run: whether each owner's `.github` repository has the configuration (read once per owner). */
  orgConfigs?: Map<string, Promise<boolean>>;
};

/**
 * Sweeps one repository with an Octokit already authenticated for it (the Actions entry: the
 * workflow's or an app's token, which cannot list the app's installations).
 */
export async function sweepOneRepository(octokit: OctokitLike & { config?: unknown }, repo: RepoRef, o: RepositorySweepOptions & { maxWrites: number; now: Date }): Promise<SweepReport> {
  const report: SweepReport = { confirm: o.confirm, repositories: [], planned: 0, applied: 0, left: 0 };
  const result = await sweepRepository(octokit, repo, o, o.maxWrites, o.now);
  if (!result) return report;
  return { ...report, repositories: [result], planned: result.planned.length, applied: result.applied, left: result.left.length };
}

async function sweepRepository(
  octokit: OctokitLike & { config?: unknown }, repo: RepoRef, o: RepositorySweepOptions, budget: number, now: Date,
): Promise<RepoReport | null> {
  const name = `${repo.owner}/${repo.repo}`;
  const log = o.log;
  if (!(await hasConfigFile(octokit, repo, o.orgConfigs ?? new Map()))) return null;
  const report: RepoReport = { repo: name, planned: [], applied: 0, left: [], errors: [] };
  const loaded = await loadConfig({ config: async () => null, repo: () => repo, octokit });
  if (!loaded.ok) {
    report.errors.push(`invalid .github/convener.yml: ${loaded.problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
    return report;
  }
  const config: Config = loaded.config;
  const github = createGitHubReader(octokit);
  const ctx = { repo, github, config, roles: createRoleResolver(config.roles, createTeamReader(github)), identity: o.identity, log, now };
  let cap = Math.min(budget, config.sweep.maxWritesPerRun);
  for (const feature of o.features) {
    const job = feature.sweep;
    if (!job) continue;
    let units: Plan[];
    try {
      const input = await job.gather(ctx);
      if (input === null) continue;
      units = listUnits(job.decide(input, config, now));
    } catch (error) {
      log.error({ err: error, job: job.name, repo: name }, `sweep job ${job.name} failed`);
      report.errors.push(`${job.name}: ${(error as Error).message}`);
      continue;
    }
    report.planned.push(...units.flat().map(describeAction));
    const write = o.confirm && !config.dryRun;
    const { now: batch, left } = write ? splitAtCap(units, Math.max(0, Math.min(cap, job.maxWrites?.(config) ?? cap))) : { now: [], left: [] };
    report.left.push(...left.map(describeAction));
    try {
      const applied = await applyPlan(octokit, batch, { dryRun: !write, log, identity: o.identity });
      report.applied += applied.applied;
      cap -= applied.applied;
    } catch (error) {
      log.error({ err: error, job: job.name, repo: name }, `sweep job ${job.name} could not apply its plan`);
      report.errors.push(`${job.name}: ${(error as Error).message}`);
    }
  }
  return report;
}

/**
 * Only repositories that opted in are swept: with their own `.github/convener.yml`, or through their
 * owner's `.github` repository's (the fallback webhooks use too, see config/load-config.ts).
 */
async function hasConfigFile(octokit: OctokitLike, repo: RepoRef, orgConfigs: Map<string, Promise<boolean>>): Promise<boolean> {
  if (await fileExists(octokit, repo, CONFIG_PATH)) return true;
  if (repo.repo.toLowerCase() === ORG_CONFIG_REPO) return false;
  const owner = repo.owner.toLowerCase();
  if (!orgConfigs.has(owner)) orgConfigs.set(owner, fileExists(octokit, { owner: repo.owner, repo: ORG_CONFIG_REPO }, CONFIG_PATH));
  return orgConfigs.get(owner)!;
}

const CONFIG_PATH = ".github/convener.yml";
const ORG_CONFIG_REPO = ".github";

async function fileExists(octokit: OctokitLike, repo: RepoRef, path: string): Promise<boolean> {
  try {
    await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function failed(name: string, error: unknown): RepoReport {
  return { repo: name, planned: [], applied: 0, left: [], errors: [(error as Error).message] };
}

function sameRepo(a: RepoRef, b: RepoRef): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
}

/** The report as text: the CLI prints it; the log and the HTTP trigger use the same lines. */
export function formatReport(report: SweepReport): string {
  const lines: string[] = [];
  for (const r of report.repositories) {
    lines.push(`${r.repo}: ${r.planned.length} action(s) planned, ${r.applied} applied${r.left.length ? `, ${r.left.length} left for the next run` : ""}`);
    for (const p of r.planned) lines.push(`  ${p}`);
    for (const e of r.errors) lines.push(`  error: ${e}`);
  }
  lines.push(
    report.confirm
      ? `sweep: ${report.planned} planned, ${report.applied} applied, ${report.left} left for the next run (write cap)`
      : `sweep (dry run, nothing written; add --confirm to apply): ${report.planned} action(s) planned in ${report.repositories.length} repositories`,
  );
  return lines.join("\n") + "\n";
}
