import { findLatestAppRun, type CheckTrigger, type LatestCheckRun } from "../../core/check-runs.js";
import type { FeatureContext } from "../../core/feature.js";
import type { RepoRef } from "../../core/plan.js";
import type { PullBlob } from "../../core/pull-facts.js";
import { loadRegistry } from "../../registry/load-registry.js";
import { agendaPathsOf, readPullRequest, readPullRequestTexts } from "../pull-request-read.js";
import type { PushedAgenda } from "./gather.js";

/** A pull request touching agenda files: checked by the `Meeting agenda` check run. */
export interface MeetingsPullInput {
  kind: "pull";
  repo: RepoRef;
  headSha: string;
  /** The app's latest `Meeting agenda` run on the head: a new run is only made when it differs. */
  latestRun: LatestCheckRun | null;
  trigger: CheckTrigger;
  files: PushedAgenda[];
  misplaced: { path: string; message: string }[];
  groups: { tag: string; name: string }[];
}

const ACTIONS = new Set(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"]);

export async function gatherPullMeetings(ctx: FeatureContext): Promise<MeetingsPullInput | null> {
  const config = ctx.config.meetings;
  if (!config.checkPullRequests || !ACTIONS.has(ctx.event)) return null;
  // The same read as the SEP check's and link's (one request for all three).
  const { pull: pr, repository } = await readPullRequest(ctx, ctx.payload.pull_request.number);
  if (!pr || pr.state !== "OPEN") return null;
  // A late or redelivered event about an older head: the newer push's own event checks the current head.
  const eventHead = ctx.payload.pull_request?.head?.sha;
  if (typeof eventHead === "string" && eventHead !== pr.headRefOid) return null;
  const listed = await pr.listFiles();
  const { agendas, misplaced } = agendaPathsOf(listed.files, ctx.config);
  if (agendas.length === 0 && misplaced.length === 0) return null;
  // Independent reads, sent together: the registry (usually cached) and the agenda texts.
  const [registry, texts] = await Promise.all([
    loadRegistry(ctx.github, ctx.repo, ctx.config),
    agendas.length > 0 ? readPullRequestTexts(ctx, pr) : null,
  ]);
  return {
    kind: "pull",
    repo: repository.id ? { owner: ctx.repo.owner, repo: ctx.repo.repo, nodeId: repository.id } : ctx.repo,
    headSha: pr.headRefOid,
    latestRun: findLatestAppRun(pr.suites(config.checkName), ctx.identity.appId, config.checkName),
    trigger: { externalId: ctx.deliveryId, rerequested: false },
    files: agendas.map((a) => ({ ...a, ...agendaBlob(texts?.head.get(a.path)) })),
    misplaced,
    groups: registry.groups.filter((g) => g.status !== "retired").map((g) => ({ tag: g.tag, name: g.name })),
  };
}

/** An agenda file as the checks read it: no blob means the file is gone at the head. */
function agendaBlob(blob: PullBlob | null | undefined): { content: string | null; bytes: number; binary: boolean } {
  if (!blob) return { content: null, bytes: 0, binary: false };
  return { content: blob.text ?? "", bytes: blob.byteSize, binary: Boolean(blob.isBinary) };
}
