import type { FeatureContext } from "../../core/feature.js";
import type { RepoRef } from "../../core/plan.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { Registry } from "../../registry/types.js";
import type { SepsConfig } from "./config.js";
import { parseSep } from "./parse-sep.js";
import { sponsorHandles, statusOf } from "./rules/lifecycle.js";
import { isSepPath } from "./sep-files.js";
import {
  SEP_COMMIT_PULLS_QUERY, SEP_PULL_REQUEST_QUERY, buildSepTextsQuery, type BlobData, type PullRequestData,
} from "./query.js";

export interface SepFileInput {
  path: string;
  /** Head text; null when GitHub gave none (binary, too large). */
  text: string | null;
  /** Base-branch text; null when the file is new there. */
  baseText: string | null;
}

export interface SepPullInput {
  number: number;
  headSha: string;
  /** Our existing `SEP metadata` run on the head SHA: updated rather than duplicated. */
  checkRunId?: number;
  labels: string[];
  files: SepFileInput[];
  /** SEP files beyond `maxFilesPerPullRequest`, not checked. */
  skippedFiles: string[];
}

export interface SepsInput {
  repo: RepoRef;
  pulls: SepPullInput[];
  /** Lower-case handle → holds a sponsor role (only handles that had to be asked). */
  sponsorRoles: Record<string, boolean>;
  registry: Registry | null;
}

const PR_ACTIONS = ["opened", "synchronize", "reopened", "edited", "labeled", "unlabeled"];

/** The PR numbers an event is about, or null when it is none of this feature's business. */
async function pullNumbersOf(ctx: FeatureContext, config: SepsConfig): Promise<number[] | null> {
  const [name, action] = ctx.event.split(".");
  const p = ctx.payload;
  if (name === "pull_request") return PR_ACTIONS.includes(action ?? "") ? [p.pull_request.number] : null;
  if (action !== "rerequested") return null;
  const source = name === "check_run" ? p.check_run : name === "check_suite" ? p.check_suite : null;
  if (!source) return null;
  if (name === "check_run" && source.name !== config.checkName) return null;
  const listed: number[] = (source.pull_requests ?? []).map((pr: { number: number }) => pr.number);
  if (listed.length > 0) return listed;
  // Fork PRs are not listed in the payload: ask which open PRs hold the commit.
  const data = await ctx.github.graphql(SEP_COMMIT_PULLS_QUERY, { ...ownerRepo(ctx.repo), sha: source.head_sha });
  const nodes: { number: number; state: string }[] = data?.repository?.object?.associatedPullRequests?.nodes ?? [];
  return nodes.filter((n) => n.state === "OPEN").map((n) => n.number);
}

const ownerRepo = (repo: RepoRef) => ({ owner: repo.owner, repo: repo.repo });

function findCheckRunId(pr: PullRequestData, appId: number | undefined, name: string): number | undefined {
  // Optional chaining throughout: a GitHub stand-in (or a partial answer) may leave any level null.
  const suites = pr.commits?.nodes?.[0]?.commit?.checkSuites?.nodes ?? [];
  for (const suite of suites) {
    if (appId !== undefined && suite?.app?.databaseId !== appId) continue;
    const run = suite?.checkRuns?.nodes?.find((r) => r.name === name);
    if (run) return run.databaseId;
  }
  return undefined;
}

async function readPull(ctx: FeatureContext, config: SepsConfig, number: number): Promise<SepPullInput | null> {
  const data = await ctx.github.graphql(SEP_PULL_REQUEST_QUERY, { ...ownerRepo(ctx.repo), number, checkName: config.checkName });
  const pr: PullRequestData | null = data?.repository?.pullRequest ?? null;
  if (!pr || pr.state !== "OPEN") return null;
  const paths = (pr.files?.nodes ?? []).filter((f) => f.changeType !== "DELETED" && isSepPath(f.path, config)).map((f) => f.path);
  if (paths.length === 0) return null;
  const checked = paths.slice(0, config.maxFilesPerPullRequest);
  const variables: Record<string, unknown> = { ...ownerRepo(ctx.repo) };
  checked.forEach((path, i) => {
    variables[`h${i}`] = `${pr.headRefOid}:${path}`;
    variables[`b${i}`] = `${pr.baseRefOid}:${path}`;
  });
  const texts = await ctx.github.graphql(buildSepTextsQuery(checked.length), variables);
  const blob = (key: string): string | null => {
    const b: BlobData | null = texts?.repository?.[key] ?? null;
    return b && !b.isBinary && !b.isTruncated && typeof b.text === "string" ? b.text : null;
  };
  const pull: SepPullInput = {
    number: pr.number,
    headSha: pr.headRefOid,
    labels: (pr.labels?.nodes ?? []).map((l) => l.name),
    files: checked.map((path, i) => ({ path, text: blob(`h${i}`), baseText: blob(`b${i}`) })),
    skippedFiles: paths.slice(checked.length),
  };
  const id = findCheckRunId(pr, ctx.identity.appId, config.checkName);
  if (id !== undefined) pull.checkRunId = id;
  return pull;
}

/** Asks the role resolver only about sponsors of SEPs whose status needs one. */
async function resolveSponsors(ctx: FeatureContext, config: SepsConfig, pulls: SepPullInput[]): Promise<Record<string, boolean>> {
  const roles: Record<string, boolean> = {};
  for (const file of pulls.flatMap((p) => p.files)) {
    if (file.text === null) continue;
    const sep = parseSep(file.text);
    const status = statusOf(sep, config);
    if (!status || !config.sponsorRequiredFrom.includes(status)) continue;
    for (const handle of sponsorHandles(sep)) {
      const key = handle.toLowerCase();
      if (key in roles) continue;
      try {
        roles[key] = await ctx.roles.hasAnyRole(handle, config.sponsorRoles);
      } catch (err) {
        ctx.log.warn({ err, handle }, "could not resolve the sponsor's roles; sponsor role not checked");
      }
    }
  }
  return roles;
}

async function readRegistryIfNamed(ctx: FeatureContext, pulls: SepPullInput[]): Promise<Registry | null> {
  const names = pulls.flatMap((p) => p.files).some((f) => f.text !== null && parseSep(f.text).fields.some((x) => x.canonicalName === "Working Group"));
  if (!names) return null;
  try {
    return await loadRegistry(ctx.github, ctx.repo, ctx.config);
  } catch (err) {
    ctx.log.warn({ err }, "could not read the group registry; Working Group names not checked");
    return null;
  }
}

/** Reads what the `SEP metadata` check needs; null when the event concerns no SEP file. */
export async function gatherSeps(ctx: FeatureContext): Promise<SepsInput | null> {
  const config = ctx.config.seps;
  if (!config.enabled) return null;
  const numbers = await pullNumbersOf(ctx, config);
  if (!numbers || numbers.length === 0) return null;
  const pulls: SepPullInput[] = [];
  for (const number of [...new Set(numbers)].slice(0, 5)) {
    const pull = await readPull(ctx, config, number);
    if (pull) pulls.push(pull);
  }
  if (pulls.length === 0) return null;
  return {
    repo: ctx.repo,
    pulls,
    sponsorRoles: await resolveSponsors(ctx, config, pulls),
    registry: await readRegistryIfNamed(ctx, pulls),
  };
}
