import type { Context, Probot } from "probot";
import { defaultConfig, type Config } from "../features/config-schema.js";
import type { ConfigProblem } from "../config/parse-config.js";
import { applyPlan } from "./apply-plan.js";
import { systemClock, type Clock } from "./clock.js";
import { withDeliveryBudget } from "./delivery-budget.js";
import { runUntilAnswered, WORK_AFTER_ANSWER } from "./deferred-answer.js";
import { DeliveryFailedError, isGitHubFault } from "./delivery-failed.js";
import type { Feature, FeatureContext } from "./feature.js";
import { createGitHubReader, createTeamReader, type OctokitLike } from "./github.js";
import type { AppIdentity } from "./identity.js";
import { withLock } from "./lock.js";
import { recordDeliveryHandled, wasDeliveryHandled } from "../shared-state/delivery-log.js";
import { onEventElsewhere, publishEvent } from "../shared-state/event-broadcast.js";
import { silentLog, type Log } from "./log.js";
import { findOwnComment, type MarkedComment } from "./markers.js";
import { MAX_COMMENTS_READ, warnCapped } from "./paging.js";
import { planStickyComment, type Action, type IssueRef, type Plan } from "./plan.js";
import { readRestList } from "./rest-pages.js";
import { notePushedHead } from "../registry/registry-cache.js";
import { notePushedPaths } from "./pull-path-hints.js";
import { readCachesOf, type ReadCaches } from "./read-caches.js";
import { createRoleResolver } from "./roles.js";
import { renderTemplate } from "./templates.js";
import { guardWrites } from "./write-guard.js";
import { forgetLabelId, rememberLabelIds } from "./label-ids.js";
import { startCreatingLabels } from "./early-labels.js";
import { measureDeliveries } from "../metrics/record.js";
import { clearConfigReports, CONFIG_MARKER, hasConfigReports, noteConfigReport } from "./config-reports.js";

export interface DispatchOptions {
  identity: AppIdentity;
  /** `DRY_RUN=true` in the server's environment. */
  dryRun: boolean;
  /** Where every handler's `now` comes from (tests inject a fixed one). */
  clock?: Clock;
  log?: Log;
}

export function eventNameOf(context: { name: string; payload: any }): string {
  return typeof context.payload?.action === "string" ? `${context.name}.${context.payload.action}` : context.name;
}

export function featuresFor(features: readonly Feature[], event: string, payload?: unknown): Feature[] {
  const base = event.split(".")[0]!;
  return features.filter((f) => (f.on.includes(event) || f.on.includes(base)) && (!f.accepts || f.accepts(event, payload)));
}

/** The issue or PR an event is about, if any: where config problems are reported, and the lock key. */
export function issueOf(payload: any): IssueRef | null {
  const number = payload?.issue?.number ?? payload?.pull_request?.number;
  const owner = payload?.repository?.owner?.login;
  const repo = payload?.repository?.name;
  return typeof number === "number" && owner && repo ? { owner, repo, issue: number } : null;
}

export function isOwnEvent(payload: any, identity: AppIdentity): boolean {
  const sender = payload?.sender;
  return Boolean(identity.login && sender?.type === "Bot" && String(sender.login).toLowerCase() === identity.login.toLowerCase());
}

/** One handler for every event: load the config once, then gather → decide → apply for each feature. */
export function registerFeatures(app: Probot, features: readonly Feature[], options: DispatchOptions): void {
  // Made now, while the app loads: the environment it reads is the one the app was started with.
  const caches = readCachesOf(app);
  /** What an event makes stale in this process's caches: run for its own deliveries and for other replicas'. */
  const noteEvent = async (event: string, payload: any) => {
    // Every feature reads the registry through one cache; a push keeps it current before any of them runs.
    if (event === "push") notePushedHead(payload);
    // The files a branch's pushes touched: the guess a pull request from it is read with.
    if (event === "push") notePushedPaths(payload);
    // Likewise configuration and team answers: a push of `.github/convener.yml` or a `membership`
    // change is seen by this very event, whether or not any feature handles it.
    await caches.noteEvent(event, payload);
    // A label renamed or deleted: its remembered node id must not be written to again.
    if (event === "label.edited" || event === "label.deleted") forgetChangedLabel(payload);
    if (event === "label.created") rememberCreatedLabel(payload);
    for (const feature of featuresFor(features, event, payload)) feature.observe?.(event, payload);
  };
  // Several replicas (REDIS_URL): each one's caches also see the events GitHub sent to the others.
  onEventElsewhere(noteEvent, app.log);
  app.onAny(measureDeliveries(async (context) => {
    const event = eventNameOf(context);
    await noteEvent(event, context.payload);
    await publishEvent(event, context.payload);
    const matching = featuresFor(features, event, context.payload);
    const repository = (context.payload as any).repository;
    if (!matching.some(isWriter) || !repository?.owner?.login) return;
    // The app's own writes come back as webhooks; none of them needs an answer (and each would cost a config read).
    if (isOwnEvent(context.payload, options.identity)) return;
    const target = issueOf(context.payload);
    const key = target ? `${target.owner}/${target.repo}#${target.issue}` : `${repository.owner.login}/${repository.name}`;
    // The budget starts before the lock: time spent waiting behind another delivery counts too.
    const handleOnce = async () => {
      // Under the lock: a duplicate in flight waits for the first, then finds it recorded.
      if (await wasDeliveryHandled(context.id)) {
        (context as Context).log.info({ event, delivery: context.id }, "delivery already handled (a redelivery); skipped");
        return;
      }
      await handleEvent(context as Context, event, matching.filter(isWriter), caches, options);
      await recordDeliveryHandled(context.id, (context as Context).log);
    };
    const outcome = await runUntilAnswered(() => withDeliveryBudget(() => withLock(key, handleOnce)));
    if (outcome.answered === "early") {
      (context as unknown as Record<symbol, unknown>)[WORK_AFTER_ANSWER] = outcome.work;
      (context as Context).log.info({ event, delivery: context.id }, "answered the delivery early: its work is waiting in the write queue or behind another delivery, and goes on");
      outcome.work.catch((error) => (context as Context).log.error({ err: error, event, delivery: context.id }, "work finished after the delivery was answered failed; the next sweep repairs what it left undone"));
    }
  }, (context) => WORK_AFTER_ANSWER in context));
}

type Writer = Feature & Required<Pick<Feature, "gather" | "decide">>;

function isWriter(feature: Feature): feature is Writer {
  return feature.gather !== undefined && feature.decide !== undefined;
}

async function handleEvent(context: Context, event: string, features: Writer[], caches: ReadCaches, options: DispatchOptions): Promise<void> {
  const log = context.log;
  const octokit = context.octokit as unknown as OctokitLike & Parameters<typeof guardWrites>[0];
  const github = createGitHubReader(octokit);
  const target = issueOf(context.payload);
  let loaded;
  try {
    loaded = await caches.loadConfig(context);
  } catch (error) {
    log.error({ err: error, event }, "could not read the configuration; event skipped");
    if (isGitHubFault(error)) throw new DeliveryFailedError([error], event);
    return;
  }
  const now = (options.clock ?? systemClock)();
  const contextFor = (config: Config, prepareLabels?: FeatureContext["prepareLabels"]): FeatureContext => ({
    event,
    payload: context.payload,
    deliveryId: context.id,
    repo: { owner: (context.payload as any).repository.owner.login, repo: (context.payload as any).repository.name },
    github,
    config,
    roles: createRoleResolver(config.roles, caches.teams(createTeamReader(github), (context.payload as any).installation?.id)),
    identity: options.identity,
    log,
    now,
    ...(prepareLabels ? { prepareLabels } : {}),
  });
  if (!loaded.ok) {
    log.warn({ problems: loaded.problems, event }, "invalid .github/convener.yml; event skipped");
    // Speak up only where Convener would have acted under the defaults, not on every issue of the repo.
    if (target && !options.dryRun && (await concernsAnyFeature(features, contextFor(defaultConfig)))) {
      await reportConfigProblems(octokit, github, target, loaded.problems, { ...options, log, payload: context.payload });
    }
    return;
  }
  const config = loaded.config;
  const repoRef = { owner: (context.payload as any).repository.owner.login, repo: (context.payload as any).repository.name };
  if (!options.dryRun && hasConfigReports(repoRef)) {
    await clearConfigReports(octokit, github, repoRef, { identity: options.identity, log, payload: context.payload });
    github.forget(); // the features read those issues' comments as they are now
  }
  const dryRun = options.dryRun || config.dryRun;
  if (dryRun) guardWrites(octokit);
  const repositoryId = (context.payload as any).repository?.node_id;
  const ctx = contextFor(config, dryRun ? undefined : (names) =>
    startCreatingLabels(octokit, repoRef, typeof repositoryId === "string" ? repositoryId : undefined, names, log));
  const failures: unknown[] = [];
  // The features' plans go out together, as one write where GitHub allows (see applyPlan), unless a
  // later feature must first see an earlier one's writes to what features read.
  let pending: { plan: Plan; by: string[] } = { plan: [], by: [] };
  const flush = async () => {
    const { plan, by } = pending;
    pending = { plan: [], by: [] };
    if (plan.length === 0) return;
    try {
      await applyPlan(octokit, plan, { dryRun, log: log.child({ feature: by.join("+") }), identity: options.identity, payload: context.payload });
      if (!dryRun && plan.some(changesWhatFeaturesRead)) github.forget(); // later features must see these writes
    } catch (error) {
      // A write left undone: the delivery fails once every feature ran, so a redelivery can finish it.
      log.error({ err: error, feature: by.join("+"), event, delivery: context.id }, `writes of ${by.join(", ")} failed`);
      failures.push(error);
    }
  };
  for (const feature of features) {
    if (pending.plan.some(changesWhatFeaturesRead)) await flush();
    try {
      const input = await feature.gather(ctx);
      if (input === null) continue;
      const plan = feature.decide(input, config, ctx.now);
      if (plan.length > 0) pending = { plan: [...pending.plan, ...plan], by: [...pending.by, feature.name] };
    } catch (error) {
      // One feature's failure must not stop the others; the delivery fails once they all ran when
      // a redelivery could succeed (GitHub failing a read).
      log.error({ err: error, feature: feature.name, event, delivery: context.id }, `feature ${feature.name} failed`);
      if (isGitHubFault(error)) failures.push(error);
    }
  }
  await flush();
  if (failures.length > 0) throw new DeliveryFailedError(failures, event);
}

/** Check runs and commit comments are outputs no feature reads back; issues, labels and comments are read. */
function changesWhatFeaturesRead(action: Action): boolean {
  return action.kind !== "check.create" && action.kind !== "commit.comment";
}

async function concernsAnyFeature(features: Writer[], ctx: FeatureContext): Promise<boolean> {
  for (const feature of features) {
    if ((await feature.gather(ctx).catch(() => null)) !== null) return true;
  }
  return false;
}


async function reportConfigProblems(
  octokit: OctokitLike, github: ReturnType<typeof createGitHubReader>, target: IssueRef, problems: ConfigProblem[], options: DispatchOptions & { payload?: unknown },
): Promise<void> {
  try {
    const comments = await readRestList<MarkedComment & { node_id?: string }>(github, "/repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: target.owner, repo: target.repo, issue_number: target.issue,
    }, MAX_COMMENTS_READ);
    const existing = findOwnComment(comments.nodes, CONFIG_MARKER, options.identity);
    if (!existing && !comments.complete) {
      // The report may be among the comments not read: another one would be a duplicate.
      warnCapped(options.log ?? silentLog, "the issue's comments (configuration report)", MAX_COMMENTS_READ, { issue: target.issue });
      return;
    }
    const body = renderTemplate("config-error", { marker: `<!-- convener:${CONFIG_MARKER} -->`, problems });
    const plan = planStickyComment(target, CONFIG_MARKER, body, existing ? { id: existing.id, ...(existing.node_id ? { nodeId: existing.node_id } : {}), body: existing.body ?? "" } : null, "the configuration is invalid");
    await applyPlan(octokit, plan, { dryRun: false, log: options.log ?? silentLog, identity: options.identity, payload: options.payload });
    noteConfigReport(target, target.issue);
  } catch (error) {
    // Reporting is best effort: the configuration problem itself is in the log already.
    options.log?.warn({ err: error, issue: target.issue }, "could not report the configuration problem on the issue");
  }
}

/** A label made by hand: its id is known, and it is no longer one the repository lacks. */
function rememberCreatedLabel(payload: any): void {
  const repo = { owner: payload?.repository?.owner?.login, repo: payload?.repository?.name };
  if (typeof repo.owner === "string" && typeof repo.repo === "string" && payload?.label) rememberLabelIds(repo, [payload.label]);
}

function forgetChangedLabel(payload: any): void {
  const repo = { owner: payload?.repository?.owner?.login, repo: payload?.repository?.name };
  if (typeof repo.owner !== "string" || typeof repo.repo !== "string") return;
  for (const name of [payload?.label?.name, payload?.changes?.name?.from]) if (typeof name === "string") forgetLabelId(repo, name);
}
