import { findOwnMarkedComment } from "../../core/comment-pages.js";
import type { FeatureContext } from "../../core/feature.js";
import { MAX_COMMENTS_READ, warnCapped } from "../../core/paging.js";
import { queryAllowingNotFound } from "../../core/graphql-errors.js";
import { escapeUserText } from "../../core/escape.js";
import { hasLabel } from "../../core/labels.js";
import type { ExistingComment, IssueRef } from "../../core/plan.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { RequestKind } from "./forms.js";
import { parseHandles } from "./handles.js";
import { parseItemRef } from "./item-ref.js";
import { buildIntakeQuery, type IntakeQueryResult } from "./query.js";
import { parseRequest, type ParsedRequest } from "./parse-request.js";
import { kindFromTag, requestedTag, type RequestFacts } from "./validate-request.js";

export const INTAKE_MARKER = "intake";

export interface IntakeInput {
  target: IssueRef;
  /** null when neither a kind label nor the tag tells IG from WG. */
  kind: RequestKind | null;
  request: ParsedRequest | null;
  bodyLength: number;
  labels: string[];
  existing: ExistingComment | null;
  facts: RequestFacts;
}

const EVENTS = new Set(["issues.opened", "issues.edited", "issues.reopened", "issues.labeled"]);

export async function gatherIntake(ctx: FeatureContext): Promise<IntakeInput | null> {
  const { intake } = ctx.config;
  const issue = ctx.payload.issue;
  if (!intake.enabled || !EVENTS.has(ctx.event) || !issue || issue.pull_request) return null;
  const payloadLabels: string[] = (issue.labels ?? []).map((l: { name: string }) => l.name);
  if (!hasLabel(payloadLabels, intake.labels.request)) return null;
  // A label event matters only when it makes the issue a request (or changes its kind).
  const labelled = ctx.payload.label?.name as string | undefined;
  const requestLabels = [intake.labels.request, intake.labels.interestGroup, intake.labels.workingGroup];
  if (ctx.event === "issues.labeled" && (labelled === undefined || !hasLabel(requestLabels, labelled))) return null;

  const firstGuess = readRequest(issue.body ?? "", payloadLabels, ctx);
  const handles = peopleOf(firstGuess.request);
  const item = firstGuess.request?.kind === "wg" && intake.checkFirstItem ? itemOf(firstGuess.request, ctx) : null;
  const data = await runQuery(ctx, issue.number, intake.checkUsers ? handles : [], item);
  const current = data.repository?.issue;
  if (!current || current.state !== "OPEN") return null; // closed requests are not reviewed

  // The payload may be an old redelivery: decide on the issue as it stands now.
  const labels = current.labels.nodes.map((l) => l.name);
  if (!hasLabel(labels, intake.labels.request)) return null;
  const { kind, request } = readRequest(current.body ?? "", labels, ctx);
  const users = usersFrom(data, intake.checkUsers ? handles : []);
  const missing = peopleOf(request).filter((h) => !(h.toLowerCase() in users));
  if (intake.checkUsers && missing.length > 0) Object.assign(users, usersFrom(await runQuery(ctx, issue.number, missing, null), missing));
  const currentItem = request?.kind === "wg" && intake.checkFirstItem ? itemOf(request, ctx) : null;
  const firstItemExists =
    currentItem === null ? undefined : currentItem === item ? Boolean(data.repository?.item) : await itemExists(ctx, issue.number, currentItem);

  const target = { ...ctx.repo, issue: issue.number };
  const own = await findOwnMarkedComment(ctx.github, target, current.comments, INTAKE_MARKER);
  if (!own.complete) {
    // Its verdict may be among the comments not read: another one would be a duplicate.
    warnCapped(ctx.log, "the request's comments", MAX_COMMENTS_READ, { issue: issue.number });
    return null;
  }
  return {
    target,
    kind,
    request,
    bodyLength: (current.body ?? "").length,
    labels,
    existing: own.comment ? { id: own.comment.databaseId, body: own.comment.body } : null,
    facts: {
      repo: ctx.repo,
      users,
      ...(firstItemExists === undefined ? {} : { firstItemExists }),
      takenTags: await takenTags(ctx, data, issue.number),
    },
  };
}

function readRequest(body: string, labels: string[], ctx: FeatureContext): { kind: RequestKind | null; request: ParsedRequest | null } {
  const { labels: names } = ctx.config.intake;
  const ig = hasLabel(labels, names.interestGroup);
  const wg = hasLabel(labels, names.workingGroup);
  // Both forms ask for the tag under the same question, so either form finds it.
  const kind: RequestKind | null = ig !== wg ? (ig ? "ig" : "wg") : kindFromTag(parseRequest(body, "wg").fields.tag);
  return { kind, request: kind ? parseRequest(body, kind) : null };
}

function peopleOf(request: ParsedRequest | null): string[] {
  if (!request) return [];
  return [...parseHandles(request.fields.facilitators ?? "").handles, ...parseHandles(request.fields.maintainers ?? "").handles].filter(
    (h, i, all) => all.findIndex((x) => x.toLowerCase() === h.toLowerCase()) === i,
  );
}

function itemOf(request: ParsedRequest, ctx: FeatureContext): number | null {
  const ref = parseItemRef(request.fields["first-item"] ?? "", ctx.repo);
  return ref.ok ? ref.number : null;
}

async function runQuery(ctx: FeatureContext, number: number, handles: string[], item: number | null): Promise<IntakeQueryResult> {
  const variables: Record<string, unknown> = {
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    number,
    requestLabel: ctx.config.intake.labels.request,
    item: item ?? 0,
    withItem: item !== null,
  };
  handles.forEach((h, i) => (variables[`u${i}`] = h));
  return queryAllowingNotFound(
    () => ctx.github.graphql<IntakeQueryResult>(buildIntakeQuery(handles.length), variables),
    (path) => /^u\d+$/.test(String(path[0])) || (path[0] === "repository" && path[1] === "item"),
  );
}

async function itemExists(ctx: FeatureContext, number: number, item: number): Promise<boolean> {
  return Boolean((await runQuery(ctx, number, [], item)).repository?.item);
}

function usersFrom(data: IntakeQueryResult, handles: string[]): Record<string, boolean> {
  return Object.fromEntries(handles.map((h, i) => [h.toLowerCase(), Boolean(data[`u${i}`])]));
}

/** Tags held by other open or approved (`decisions.labels.approved`) requests, and by every group in the registry. */
async function takenTags(ctx: FeatureContext, data: IntakeQueryResult, self: number): Promise<Record<string, string>> {
  const taken: Record<string, string> = {};
  const registry = await loadRegistry(ctx.github, ctx.repo, ctx.config).catch((error: unknown) => {
    // Without the registry the other checks still help the requester; the tag is re-checked on the next edit.
    ctx.log.warn({ err: error }, "group registry unavailable; registered tags not checked");
    return { commit: "", groups: [] };
  });
  for (const group of registry.groups) taken[group.tag.toLowerCase()] = `the registered group "${escapeUserText(group.name, 80)}"`;
  for (const other of data.repository?.requests.nodes ?? []) {
    if (other.number === self) continue;
    const names = other.labels.nodes.map((l) => l.name);
    if (other.state !== "OPEN" && !hasLabel(names, ctx.config.decisions.labels.approved)) continue;
    const tag = requestedTag(parseRequest(other.body ?? "", "wg"));
    if (tag && !(tag in taken)) taken[tag] = `request #${other.number}`;
  }
  return taken;
}
