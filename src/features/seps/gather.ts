import { findLatestAppRun, type CheckTrigger, type LatestCheckRun } from "../../core/check-runs.js";
import type { FeatureContext } from "../../core/feature.js";
import type { RepoRef } from "../../core/plan.js";
import type { PullBlob } from "../../core/pull-facts.js";
import type { SweepContext } from "../../core/sweep.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { Registry } from "../../registry/types.js";
import type { SepsConfig } from "./config.js";
import { parseSepWithinLimit } from "./check-sep-file.js";
import { guessesSepFiles, readPullRequest, readPullRequestTexts, sepPathsOf } from "../pull-request-read.js";
import { SEP_COMMIT_PULLS_QUERY } from "./query.js";
import { sponsorHandles, statusOf } from "./rules/lifecycle.js";

export interface SepFileInput {
  path: string;
  /** Head text; null when GitHub gave none (binary, too large). */
  text: string | null;
  /** Base-branch text; null when the file is new there. */
  baseText: string | null;
}

export interface SepPullInput {
  number: number;
  /** The PR's GraphQL node id (for label writes). */
  nodeId?: string;
  /** The repository's GraphQL node id (for the check run). */
  repoNodeId?: string;
  headSha: string;
  /** The app's latest `SEP metadata` run on the head SHA: a new run is only made when it differs. */
  latestRun: LatestCheckRun | null;
  labels: string[];
  files: SepFileInput[];
  /** SEP files beyond `maxFilesPerPullRequest`, not checked. */
  skippedFiles: string[];
  /** Changed files GitHub does not list (past 3,000): SEP files among them cannot be checked. */
  unlistedFiles: number;
}

export interface SepsInput {
  repo: RepoRef;
  pulls: SepPullInput[];
  /** Lower-case handle → holds a sponsor role (only handles that had to be asked). */
  sponsorRoles: Record<string, boolean>;
  registry: Registry | null;
  trigger: CheckTrigger;
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

/** The head commit the event was about; undefined when the payload names none. */
function eventHeadSha(ctx: FeatureContext): string | undefined {
  const p = ctx.payload;
  const sha = p?.pull_request?.head?.sha ?? p?.check_run?.head_sha ?? p?.check_suite?.head_sha;
  return typeof sha === "string" ? sha : undefined;
}

/**
 * Reads one open PR's SEP files at its current head. With `eventHead`, an event about an older head
 * (a late or redelivered delivery after newer pushes) reads nothing more: the newer push's own event
 * checks the current head, and the old commit's result must not be posted after it.
 */
export async function readPull(ctx: SweepContext, config: SepsConfig, number: number, eventHead?: string): Promise<SepPullInput | null> {
  // With SEP texts guessed into the PR read, the sponsors' roles are asked for beside it too.
  if (guessesSepFiles(ctx, number)) askSponsorRolesEarly(ctx, config);
  const { pull: pr, repository } = await readPullRequest(ctx, number);
  if (!pr || pr.state !== "OPEN") return null;
  if (eventHead && eventHead !== pr.headRefOid) {
    ctx.log.info({ pull: number, eventHead, head: pr.headRefOid }, "event about an older head of the pull request; the current head is checked by its own event");
    return null;
  }
  const listed = await pr.listFiles();
  const paths = sepPathsOf(listed.files, ctx.config);
  if (paths.length === 0) return null;
  const checked = paths.slice(0, config.maxFilesPerPullRequest);
  askSponsorRolesEarly(ctx, config);
  const texts = await readPullRequestTexts(ctx, pr);
  return {
    number: pr.number,
    nodeId: pr.id,
    ...(repository.id ? { repoNodeId: repository.id } : {}),
    headSha: pr.headRefOid,
    latestRun: findLatestAppRun(pr.suites(config.checkName), ctx.identity.appId, config.checkName),
    labels: pr.labels.map((l) => l.name),
    files: checked.map((path) => ({ path, text: sepText(texts.head.get(path)), baseText: sepText(texts.base.get(path)) })),
    skippedFiles: paths.slice(checked.length),
    unlistedFiles: listed.unlisted,
  };
}

/**
 * The first sponsor role's member list, asked for beside the SEP texts: which sponsors need checking
 * is known only from the texts, so asking then would be one more round trip after them. The role
 * resolver answers the sponsor check from the list (kept between deliveries, see role-cache.ts).
 * Only the first role: it is checked first, and is the widest by convention (maintainers), so a
 * sponsor who holds a role is usually found there; the later roles are asked about the person only
 * when needed, as before. A failed list is no answer: the check asks about the person instead.
 */
function askSponsorRolesEarly(ctx: SweepContext, config: SepsConfig): void {
  const first = config.sponsorRoles[0];
  if (config.sponsorRequiredFrom.length === 0 || first === undefined) return;
  ctx.roles.listMembers(first).catch(() => undefined);
}

/** A SEP file's text, or null when GitHub gave none (absent, binary, too large). */
function sepText(blob: PullBlob | null | undefined): string | null {
  return blob && !blob.isBinary && !blob.isTruncated && typeof blob.text === "string" ? blob.text : null;
}

/** Asks the role resolver only about sponsors of SEPs whose status needs one. */
export async function resolveSponsors(ctx: SweepContext, config: SepsConfig, pulls: SepPullInput[]): Promise<Record<string, boolean>> {
  const handles = new Map<string, string>();
  for (const file of pulls.flatMap((p) => p.files)) {
    const sep = parseSepWithinLimit(file.text, config);
    if (!sep) continue;
    const status = statusOf(sep, config);
    if (!status || !config.sponsorRequiredFrom.includes(status)) continue;
    for (const handle of sponsorHandles(sep)) if (!handles.has(handle.toLowerCase())) handles.set(handle.toLowerCase(), handle);
  }
  // Each handle is an independent question: asked together, not one after another.
  const roles: Record<string, boolean> = {};
  await Promise.all([...handles].map(async ([key, handle]) => {
    try {
      roles[key] = await ctx.roles.hasAnyRole(handle, config.sponsorRoles);
    } catch (err) {
      ctx.log.warn({ err, handle }, "could not resolve the sponsor's roles; sponsor role not checked");
    }
  }));
  return roles;
}

export async function readRegistryIfNamed(ctx: SweepContext, pulls: SepPullInput[]): Promise<Registry | null> {
  const names = pulls.flatMap((p) => p.files).some((f) => parseSepWithinLimit(f.text, ctx.config.seps)?.fields.some((x) => x.canonicalName === "Working Group"));
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
  const eventHead = eventHeadSha(ctx);
  // The pull requests of a re-run are independent reads: sent together.
  const read = await Promise.all([...new Set(numbers)].slice(0, 5).map((number) => readPull(ctx, config, number, eventHead)));
  const pulls = read.filter((p): p is SepPullInput => p !== null);
  return assembleSepsInput(ctx, config, pulls, { externalId: ctx.deliveryId, rerequested: ctx.event.endsWith(".rerequested") });
}

/** What decide needs once the pull requests are read (an event's or the sweep's): their sponsors and the registry. */
export async function assembleSepsInput(ctx: SweepContext, config: SepsConfig, pulls: SepPullInput[], trigger: CheckTrigger): Promise<SepsInput | null> {
  if (pulls.length === 0) return null;
  const repoNodeId = pulls.find((p) => p.repoNodeId)?.repoNodeId;
  // Independent reads, sent together.
  const [sponsorRoles, registry] = await Promise.all([resolveSponsors(ctx, config, pulls), readRegistryIfNamed(ctx, pulls)]);
  return {
    repo: repoNodeId ? { owner: ctx.repo.owner, repo: ctx.repo.repo, nodeId: repoNodeId } : ctx.repo,
    pulls,
    sponsorRoles,
    registry,
    trigger,
  };
}
