import { findLatestAppRun, type CheckTrigger, type LatestCheckRun } from "../../core/check-runs.js";
import type { FeatureContext } from "../../core/feature.js";
import type { RepoRef } from "../../core/plan.js";
import { readPullFiles } from "../../core/pull-files.js";
import { loadRegistry } from "../../registry/load-registry.js";
import { parseAgendaPath } from "./agenda-path.js";
import type { PushedAgenda } from "./gather.js";
import { readAtCommit } from "./read-at-commit.js";
import { MEETINGS_PULL_QUERY, type MeetingsPullResult } from "./query.js";

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
  const data = await ctx.github.graphql<MeetingsPullResult>(MEETINGS_PULL_QUERY, {
    owner: ctx.repo.owner, repo: ctx.repo.repo, number: ctx.payload.pull_request.number, checkName: config.checkName,
  });
  const pr = data.repository?.pullRequest;
  if (!pr || pr.state !== "OPEN") return null;
  // A late or redelivered event about an older head: the newer push's own event checks the current head.
  const eventHead = ctx.payload.pull_request?.head?.sha;
  if (typeof eventHead === "string" && eventHead !== pr.headRefOid) return null;
  const listed = await readPullFiles(ctx.github, ctx.repo, ctx.payload.pull_request.number, pr.files, pr.changedFiles);
  const agendas: { path: string; tag: string; date: string }[] = [];
  const misplaced: { path: string; message: string }[] = [];
  for (const file of listed.files) {
    if (file.changeType === "DELETED") continue;
    const found = parseAgendaPath(file.path, config.folder);
    if (found.kind === "agenda") agendas.push(found);
    if (found.kind === "misplaced") misplaced.push({ path: found.path, message: found.message });
  }
  if (agendas.length === 0 && misplaced.length === 0) return null;
  const registry = await loadRegistry(ctx.github, ctx.repo, ctx.config);
  const read = await readAtCommit(ctx.github, ctx.repo, pr.headRefOid, agendas.map((a) => a.path), config.notesLabel, ctx.identity, null, false);
  return {
    kind: "pull",
    repo: ctx.repo,
    headSha: pr.headRefOid,
    latestRun: findLatestAppRun(pr.commits.nodes[0]?.commit.checkSuites, ctx.identity.appId, config.checkName),
    trigger: { externalId: ctx.deliveryId, rerequested: false },
    files: agendas.map((a, i) => ({ ...a, ...read.blobs[i]! })),
    misplaced,
    groups: registry.groups.filter((g) => g.status !== "retired").map((g) => ({ tag: g.tag, name: g.name })),
  };
}
