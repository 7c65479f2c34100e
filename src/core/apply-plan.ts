import {
  buildMutationDocument, compileAction, compileCheckRunUpdates, compileNewDiscussionComments, isMutationAction, type MutationDocument, type MutationField,
} from "./compile-mutations.js";
import type { OctokitLike } from "./github.js";
import type { AppIdentity } from "./identity.js";
import { awaitLabelCreations, NEW_LABEL_COLOR } from "./early-labels.js";
import { forgetLabelId, rememberLabelIds } from "./label-ids.js";
import type { Log } from "./log.js";
import { createIssueOnce, settleCreatedIssue } from "./create-issue.js";
import { hasMarker } from "./markers.js";
import { describeAction, type Action, type IssueRef, type Plan, type RepoRef } from "./plan.js";
import { commentId, issueId, labelId, lookUpMissingIds, rememberPayloadIds, repoId } from "./write-ids.js";

export interface ApplyOptions {
  dryRun: boolean;
  log: Log;
  identity: AppIdentity;
  /** The webhook payload of the delivery, if any: its node ids spare the writes a lookup. */
  payload?: unknown;
}

export interface ApplyResult {
  applied: number;
  /** Set in dry run: each action, one line, for the log and the CLI. */
  planned: string[];
}

/**
 * Mutation fields per document. GitHub counts each mutation against the secondary limit's points
 * whatever the grouping; a bound keeps one request (and one failure) small for a long sweep batch.
 */
const MAX_FIELDS_PER_DOCUMENT = 50;

const ids = { repo: repoId, issue: issueId, comment: commentId, label: labelId };

/**
 * The one place that writes to GitHub. In dry run it logs the plan and sends nothing.
 *
 * Writes GitHub has a mutation for (comments, labels, issue state, check runs) go out as ONE GraphQL
 * document per run of consecutive such actions, in plan order: usually one request per event. The
 * node ids they need come from the payload, the gathers, the label directory, or else one lookup
 * query. An issue to create goes in the document too when its gather already looked for an earlier
 * copy (the `createIssue` reads the newest issues back for the de-dupe); REST stays for what GraphQL
 * cannot do (commit comments, files and pull requests) and for an issue whose re-check must come
 * before the create.
 *
 * A document is sent once more after a 5xx like any request (octokit.ts). If GitHub did apply it
 * before failing, the retry repeats its fields: comment and label edits, closing and reopening are
 * idempotent; a repeated `addComment` of a sticky comment (with a marker) is removed by the
 * duplicate check below; a repeated check run is harmless (the latest one counts). Only an
 * unmarked comment could appear twice, as it could over REST before.
 */
export async function applyPlan(octokit: OctokitLike, plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const lines = plan.map(describeAction);
  if (options.dryRun) {
    if (plan.length > 0) options.log.info({ plan: lines }, `dry run: ${plan.length} action(s) planned, none applied`);
    return { applied: 0, planned: lines };
  }
  if (options.payload) rememberPayloadIds(options.payload);
  const candidates = plan.filter(isMutationAction);
  let mutations = candidates;
  if (candidates.length > 0) {
    // Labels a gather asked to create ahead (early-labels.ts): their ids, or their refusal, first.
    await Promise.all(candidates.map((a) => (a.kind === "labels.add" || a.kind === "issue.create" ? awaitLabelCreations(a.target, a.labels) : undefined)));
    await lookUpMissingIds(octokit, candidates);
    // An issue whose labels do not all exist yet is created over REST, which creates them on the
    // way (one write; `createLabel` first would be two).
    mutations = candidates.filter((a) => a.kind !== "issue.create" || a.labels.every((name) => labelId(a.target, name)));
    await createMissingLabels(octokit, mutations, options);
  }
  const viaDocument = new Set(mutations);
  let batch: Action[] = [];
  for (const [i, action] of plan.entries()) {
    options.log.info({ action: action.kind, reason: action.reason }, lines[i]!);
    if (viaDocument.has(action)) {
      batch.push(action);
      continue;
    }
    // A REST write keeps its place in the plan: the mutations before it go out first.
    await sendMutations(octokit, batch, options);
    batch = [];
    await applyRestAction(octokit, action, options);
  }
  await sendMutations(octokit, batch, options);
  return { applied: plan.length, planned: lines };
}

async function applyRestAction(octokit: OctokitLike, action: Action, options: ApplyOptions): Promise<void> {
  switch (action.kind) {
    case "issue.create":
      await createIssueOnce(octokit, action, options);
      return;
    case "pull.create":
      await createPullRequest(octokit, action, options);
      return;
    case "commit.comment":
      await octokit.request("POST /repos/{owner}/{repo}/commits/{commit_sha}/comments", {
        owner: action.target.owner, repo: action.target.repo, commit_sha: action.sha, body: action.body,
      });
      return;
    default:
      throw new Error(`${action.kind} is written by a mutation`);
  }
}

/** Sends the actions' mutations (one document, more only past `MAX_FIELDS_PER_DOCUMENT`), then their follow-ups. */
async function sendMutations(octokit: OctokitLike, actions: Action[], options: ApplyOptions): Promise<void> {
  if (actions.length === 0) return;
  const fields = actions.flatMap((action) => compileAction(action, ids));
  for (let i = 0; i < fields.length; i += MAX_FIELDS_PER_DOCUMENT) {
    const document = buildMutationDocument(fields.slice(i, i + MAX_FIELDS_PER_DOCUMENT));
    const data = await sendDocument(octokit, document);
    await followUp(octokit, document, data, options);
  }
}

/**
 * The writes that need an answer of the document: the duplicate check after a sticky comment, and
 * the updates adding a check run's annotations past the first 50 (they need the run's id).
 */
async function followUp(octokit: OctokitLike, document: MutationDocument, data: Record<string, any>, options: ApplyOptions): Promise<void> {
  const updates: MutationField[] = [];
  for (const [i, field] of document.fields.entries()) {
    const action = field.action;
    if (action.kind === "comment.create" && action.marker) {
      // The add read the issue's newest comments back (compile-mutations.ts): the racing copy is among them.
      await removeDuplicatesAmong(octokit, action.target, action.marker, data[`m${i}`]?.subject?.comments?.nodes ?? [], options);
    }
    if (action.kind === "issue.create" && field.mutation === "createIssue") {
      // The create read the newest issues back (compile-mutations.ts): a racing copy is among them.
      const issue = data[`m${i}`]?.issue;
      if (typeof issue?.number === "number") await settleCreatedIssue(octokit, action, issue.number, issue.repository?.issues?.nodes ?? [], options);
    }
    if (action.kind === "check.create" && field.mutation === "createCheckRun") {
      const runId = data[`m${i}`]?.checkRun?.id;
      if (typeof runId === "string") updates.push(...compileCheckRunUpdates(action, String(field.input.repositoryId), runId));
    }
    if (action.kind === "discussion.create") {
      const discussionId = data[`m${i}`]?.discussion?.id;
      if (typeof discussionId === "string") updates.push(...compileNewDiscussionComments(action, discussionId));
    }
  }
  if (updates.length > 0) await sendDocument(octokit, buildMutationDocument(updates));
}

/** Mutation fields that failed. The document's other fields were applied (GitHub runs each on its own). */
export class MutationsFailedError extends Error {
  constructor(readonly errors: { type?: string; path?: unknown[]; message?: string }[], readonly data: Record<string, unknown>) {
    super(`GitHub refused ${errors.length} write(s): ${errors.map((e) => `${(e.path ?? []).join(".") || "document"}: ${e.type ?? ""} ${e.message ?? ""}`.trim()).join("; ")}`);
    this.name = "MutationsFailedError";
  }
}

/**
 * Sends one document; returns its data. A field that failed fails the whole call (the delivery then
 * fails and is redelivered, as a failed REST write did), except NOT_FOUND where that is the goal
 * reached: a comment already deleted, a label already removed.
 */
async function sendDocument(octokit: OctokitLike, document: MutationDocument): Promise<Record<string, any>> {
  let data: Record<string, any>;
  let errors: { type?: string; path?: unknown[]; message?: string }[] = [];
  try {
    data = (await octokit.graphql(document.query, document.variables)) ?? {};
  } catch (error) {
    const e = error as { name?: string; errors?: typeof errors; data?: Record<string, any> };
    if (e?.name !== "GraphqlResponseError" || !Array.isArray(e.errors)) throw error;
    data = e.data ?? {};
    errors = e.errors;
  }
  const failed = errors.filter((error) => {
    const field = fieldOf(document, error.path);
    if (field && error.type === "NOT_FOUND") forgetStaleLabels(field.action);
    return !(field?.notFoundIsDone && error.type === "NOT_FOUND");
  });
  if (failed.length > 0) throw new MutationsFailedError(failed, data);
  return data;
}

function fieldOf(document: MutationDocument, path: unknown[] | undefined): MutationField | undefined {
  const m = /^m(\d+)$/.exec(String(path?.[0] ?? ""));
  return m ? document.fields[Number(m[1])] : undefined;
}

/** A label id GitHub does not know any more (label deleted and made again): looked up afresh next time. */
function forgetStaleLabels(action: Action): void {
  if (action.kind === "labels.add") for (const name of action.labels) forgetLabelId(action.target, name);
  if (action.kind === "label.remove") forgetLabelId(action.target, action.label);
}

/**
 * Labels to add that the repository does not have are created first, as REST's add-labels did on
 * its own: one more write, once per label for the life of the process (the id is remembered). A
 * label created meanwhile by someone else ("already taken") is looked up instead.
 */
async function createMissingLabels(octokit: OctokitLike, actions: Action[], options: ApplyOptions): Promise<void> {
  const wanted = new Map<string, { ref: RepoRef; name: string }>();
  for (const action of actions) {
    if (action.kind !== "labels.add") continue;
    for (const name of action.labels) {
      if (!labelId(action.target, name)) wanted.set(`${action.target.owner}/${action.target.repo}:${name.toLowerCase()}`.toLowerCase(), { ref: action.target, name });
    }
  }
  const creatable = [...wanted.values()].filter(({ ref }) => repoId(ref));
  if (creatable.length === 0) return;
  options.log.info({ labels: creatable.map((l) => l.name) }, "creating labels the repository does not have yet");
  const document = buildMutationDocument(creatable.map(({ ref, name }) => ({
    mutation: "createLabel", inputType: "CreateLabelInput", input: { repositoryId: repoId(ref), name, color: NEW_LABEL_COLOR },
    selection: "label { id name }", action: actions[0]!, notFoundIsDone: false,
  })));
  let data: Record<string, any>;
  try {
    data = await sendDocument(octokit, document);
  } catch (error) {
    if (!(error instanceof MutationsFailedError)) throw error;
    data = error.data as Record<string, any>;
  }
  creatable.forEach(({ ref }, i) => rememberLabelIds(ref, [data[`m${i}`]?.label]));
  // Those not created (taken meanwhile): one more look.
  if (creatable.some(({ ref, name }) => !labelId(ref, name))) await lookUpMissingIds(octokit, actions);
}

interface NewestComment {
  id?: string;
  databaseId?: number;
  body?: string | null;
  viewerDidAuthor?: boolean;
}

/**
 * The duplicate check on the comments the `addComment` itself read back: the app's comments with
 * the marker among the issue's newest, the oldest kept (the lowest database id), the others deleted
 * in one more document. The racing copy was written seconds ago, so it is among the newest.
 */
async function removeDuplicatesAmong(octokit: OctokitLike, target: IssueRef, marker: string, newest: (NewestComment | null)[], options: ApplyOptions): Promise<void> {
  const own = newest
    .filter((c): c is NewestComment & { databaseId: number } => Boolean(c?.viewerDidAuthor && typeof c.databaseId === "number" && hasMarker(c.body, marker)))
    .sort((a, b) => a.databaseId - b.databaseId);
  const extras = own.slice(1);
  if (extras.length === 0) return;
  for (const extra of extras) options.log.warn({ commentId: extra.databaseId, marker }, "removing a duplicate sticky comment written by a concurrent delivery");
  const fields = extras.flatMap((extra) => compileAction({ kind: "comment.delete", target, commentId: extra.databaseId, ...(extra.id ? { nodeId: extra.id } : {}), reason: "duplicate" }, ids));
  await sendDocument(octokit, buildMutationDocument(fields));
}

/**
 * A file change proposed as a pull request: branch from `base`, commit the file, open the PR. Each
 * step tolerates having been done by an earlier, interrupted attempt; a PR already opened from the
 * branch (any state) means the proposal was made, so nothing more happens.
 */
async function createPullRequest(octokit: OctokitLike, action: Extract<Action, { kind: "pull.create" }>, options: ApplyOptions): Promise<void> {
  const { owner, repo } = action.target;
  const existing = await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner, repo, head: `${owner}:${action.branch}`, state: "all", per_page: 1 });
  if (Array.isArray(existing.data) && existing.data.length > 0) {
    options.log.info({ branch: action.branch }, "pull request already opened from this branch; not opening another");
    return;
  }
  const base = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner, repo, ref: `heads/${action.base}` });
  try {
    await octokit.request("POST /repos/{owner}/{repo}/git/refs", { owner, repo, ref: `refs/heads/${action.branch}`, sha: base.data.object.sha });
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error; // 422: the branch exists (an earlier attempt)
  }
  let sha: string | undefined;
  try {
    sha = (await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path: action.path, ref: action.branch })).data.sha;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  await octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
    owner, repo, path: action.path, branch: action.branch, message: action.commitMessage,
    content: Buffer.from(action.content, "utf8").toString("base64"), ...(sha ? { sha } : {}),
  });
  await octokit.request("POST /repos/{owner}/{repo}/pulls", { owner, repo, title: action.title, body: action.body, head: action.branch, base: action.base });
}
