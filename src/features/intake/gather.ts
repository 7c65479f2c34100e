import { findOwnMarkedComment } from "../../core/comment-pages.js";
import type { FeatureContext } from "../../core/feature.js";
import { MAX_COMMENTS_READ, warnCapped } from "../../core/paging.js";
import { queryAllowingNotFound } from "../../core/graphql-errors.js";
import { escapeUserText } from "../../core/escape.js";
import { hasLabel } from "../../core/labels.js";
import type { ExistingComment, IssueRef } from "../../core/plan.js";
import { hasCachedRegistry, loadRegistry, rememberHeadCommit } from "../../registry/load-registry.js";
import type { Registry } from "../../registry/types.js";
import { knownLabelId, labelLookupFields, rememberLabelIds, rememberLookedUpLabels } from "../../core/label-ids.js";
import type { FormSet, RequestKind } from "./forms.js";
import { FORMS_FIELD, formsFor, hasCurrentForms, readRepoForms, storeForms, type FormsTree } from "./repo-forms.js";
import { parseHandles } from "./handles.js";
import { hasSepFile, parseItemRef } from "./item-ref.js";
import { buildIntakeQuery, HEAD_FIELD, CLAIMS_PAGE, CLAIMS_PAGE_QUERY, MAX_CLAIM_PAGES, type ClaimsConnection, type ClaimsPageResult, type IntakeQueryResult } from "./query.js";
import { claimLabel, findHolder, MAX_LABEL_LENGTH, type ClaimNode } from "./tag-claims.js";
import { parseRequest, type ParsedRequest } from "./parse-request.js";
import { describeState, rememberReviewed, wasReviewed } from "./reviewed.js";
import { claimableTag, kindFromTag, type RequestFacts } from "./validate-request.js";

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
  // The labels of an issue opened from a form arrive as label events after `opened`, which reviewed it already.
  if (ctx.event === "issues.labeled" && wasReviewed(ctx.repo, issue.number, describeState(issue.body ?? "", labelFlagsOf(payloadLabels, ctx)))) return null;

  // The repository's own forms, as cached for the default branch's head; read with the request when not current.
  const formsCurrent = hasCurrentForms(ctx.repo, ctx.config.registry.headCheckSeconds * 1000);
  const formsBefore = formsFor(ctx.repo);
  const firstGuess = readRequest(issue.body ?? "", payloadLabels, ctx, formsBefore);
  const handles = peopleOf(firstGuess.request);
  const item = firstGuess.request?.kind === "wg" && intake.checkFirstItem ? itemOf(firstGuess.request, ctx) : null;
  const guessedTag = claimableTag(firstGuess.request);
  // The registry's charters are read side by side with the request when this process has none yet;
  // otherwise after it, as the head commit the query brings usually shows the cached ones current.
  const registryEarly = hasCachedRegistry(ctx.repo, ctx.config) ? null : readRegistry(ctx);
  rememberLabelIds(ctx.repo, issue.labels ?? []);
  const addable = addableLabels(ctx, guessedTag);
  // Every verdict on an open request adds the claim of its tag: a claim label this process has never
  // seen is created beside the read, so the write need not wait for it (early-labels.ts).
  const claim = guessedTag === null ? null : claimLabel(intake.labels.claimPrefix, guessedTag);
  if (claim !== null && issue.state === "open" && addable.includes(claim)) ctx.prepareLabels?.([claim]);
  const extras = [HEAD_FIELD, labelLookupFields(addable), ...(formsCurrent ? [] : [FORMS_FIELD])].join("\n");
  const data = await runQuery(ctx, issue.number, intake.checkUsers ? handles : [], item, guessedTag, extras);
  const head = data.repository?.defaultBranchRef?.target?.oid;
  if (head) rememberHeadCommit(ctx.repo, head);
  if (!formsCurrent && head) noteRepoForms(ctx, head, data.repository?.forms);
  const forms = formsFor(ctx.repo);
  rememberLookedUpLabels(ctx.repo, data.repository);
  const current = data.repository?.issue;
  if (!current || current.state !== "OPEN") return null; // closed requests are not reviewed
  rememberLabelIds(ctx.repo, current.labels.nodes);

  // The payload may be an old redelivery: decide on the issue as it stands now.
  const labels = current.labels.nodes.map((l) => l.name);
  if (!hasLabel(labels, intake.labels.request)) return null;
  // Usually the payload is current: its body is then not parsed a second time.
  const unchanged = forms === formsBefore && (current.body ?? "") === (issue.body ?? "") && kindLabelsOf(labels, ctx) === kindLabelsOf(payloadLabels, ctx);
  const { kind, request } = unchanged ? firstGuess : readRequest(current.body ?? "", labels, ctx, forms);
  rememberReviewed(ctx.repo, issue.number, describeState(current.body ?? "", labelFlagsOf(labels, ctx)));
  const users = usersFrom(data, intake.checkUsers ? handles : []);
  const missing = peopleOf(request).filter((h) => !(h.toLowerCase() in users));
  const currentItem = request?.kind === "wg" && intake.checkFirstItem ? itemOf(request, ctx) : null;
  const tag = claimableTag(request);
  const nodeId: unknown = current.id ?? issue.node_id;
  const target = { ...ctx.repo, issue: issue.number, ...(typeof nodeId === "string" ? { nodeId } : {}) };
  // What the first query could not answer (the payload was older than the issue, a long thread): the
  // follow-up reads are independent, so they go out together. Usually none of them is a request.
  const [moreUsers, firstItemExists, claims, own] = await Promise.all([
    intake.checkUsers && missing.length > 0 ? runQuery(ctx, issue.number, missing, null, null).then((more) => usersFrom(more, missing)) : {},
    currentItem === null ? undefined : sameItem(currentItem, item) ? itemFound(data, currentItem) : itemExists(ctx, issue.number, currentItem),
    tag === null ? null : readClaims(ctx, tag, tag === guessedTag ? data.repository?.claims : undefined),
    findOwnMarkedComment(ctx.github, target, current.comments, INTAKE_MARKER),
  ]);
  Object.assign(users, moreUsers);
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
    existing: own.comment ? { id: own.comment.databaseId, ...(own.comment.id ? { nodeId: own.comment.id } : {}), body: own.comment.body } : null,
    facts: {
      repo: ctx.repo,
      users,
      ...(firstItemExists === undefined ? {} : { firstItemExists, sepFolder: ctx.config.seps.path }),
      takenTags: takenTags(ctx, tag, claims, { number: issue.number, createdAt: current.createdAt }, await (registryEarly ?? readRegistry(ctx))),
      maxTagLength: MAX_LABEL_LENGTH - intake.labels.claimPrefix.length,
      ...(claims?.complete === false ? { tagUnchecked: `more than ${CLAIMS_PAGE * MAX_CLAIM_PAGES} requests have claimed it` } : {}),
    },
  };
}

/** The request label and the kind labels an issue carries: what a label event can change for intake. */
function labelFlagsOf(labels: string[], ctx: FeatureContext): string {
  return `${hasLabel(labels, ctx.config.intake.labels.request)}/${kindLabelsOf(labels, ctx)}`;
}

/** Which kind labels an issue carries: what `readRequest` reads from the labels. */
function kindLabelsOf(labels: string[], ctx: FeatureContext): string {
  const { labels: names } = ctx.config.intake;
  return `${hasLabel(labels, names.interestGroup)}/${hasLabel(labels, names.workingGroup)}`;
}

function readRequest(body: string, labels: string[], ctx: FeatureContext, forms: FormSet): { kind: RequestKind | null; request: ParsedRequest | null } {
  const { labels: names } = ctx.config.intake;
  const ig = hasLabel(labels, names.interestGroup);
  const wg = hasLabel(labels, names.workingGroup);
  if (ig !== wg) return { kind: ig ? "ig" : "wg", request: parseRequest(body, ig ? "ig" : "wg", forms[ig ? "ig" : "wg"]) };
  // No kind label: the tag tells. Both forms ask for it under the same question, so the WG form's
  // reading finds it, and serves as the request itself when the tag says WG.
  const asWg = parseRequest(body, "wg", forms.wg);
  const kind = kindFromTag(asWg.fields.tag);
  return { kind, request: kind === "wg" ? asWg : kind === "ig" ? parseRequest(body, "ig", forms.ig) : null };
}

/**
 * Keeps the forms the query read; a form missing a field the rules need is reported once per change
 * of the forms (a warning in the log naming the file, the field id and what it is needed for), not
 * on every request made with it.
 */
function noteRepoForms(ctx: FeatureContext, head: string, tree: FormsTree | null | undefined): void {
  const read = readRepoForms(tree, ctx.config.intake.labels);
  if (!storeForms(ctx.repo, head, read)) return;
  for (const problem of read.problems) {
    ctx.log.warn({ form: problem.path, field: problem.field, commit: head }, `issue form ${problem.path}: ${problem.message}`);
  }
}

function peopleOf(request: ParsedRequest | null): string[] {
  if (!request) return [];
  return [...parseHandles(request.fields.facilitators ?? "").handles, ...parseHandles(request.fields.maintainers ?? "").handles].filter(
    (h, i, all) => all.findIndex((x) => x.toLowerCase() === h.toLowerCase()) === i,
  );
}

/** The first item to look up: its number, and whether it was named as a SEP (its file may exist without #N). */
interface ItemLookup {
  number: number;
  sep: boolean;
}

function itemOf(request: ParsedRequest, ctx: FeatureContext): ItemLookup | null {
  const ref = parseItemRef(request.fields["first-item"] ?? "", ctx.repo);
  return ref.ok ? { number: ref.number, sep: ref.sep } : null;
}

const sameItem = (a: ItemLookup, b: ItemLookup | null) => b !== null && a.number === b.number && a.sep === b.sep;

/** `SEP-N` exists as the SEP file `<folder>N-*.md` on the default branch or as issue/PR #N; `#N` as #N. */
function itemFound(data: IntakeQueryResult, item: ItemLookup): boolean {
  if (data.repository?.item) return true;
  return item.sep && hasSepFile((data.repository?.seps?.entries ?? []).map((e) => e.name), item.number);
}

/** The labels a verdict may add whose ids are not known yet: the state labels and the claim of the tag the payload asks for. */
function addableLabels(ctx: FeatureContext, tag: string | null): string[] {
  const { labels } = ctx.config.intake;
  const claim = tag === null ? null : claimLabel(labels.claimPrefix, tag);
  const names = [labels.ready, labels.needsChanges, ...(claim !== null && claim.length <= MAX_LABEL_LENGTH ? [claim] : [])];
  return names.filter((name) => knownLabelId(ctx.repo, name) === undefined);
}

async function runQuery(ctx: FeatureContext, number: number, handles: string[], item: ItemLookup | null, tag: string | null, extras = ""): Promise<IntakeQueryResult> {
  const variables: Record<string, unknown> = {
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    number,
    claimLabel: claimLabel(ctx.config.intake.labels.claimPrefix, tag ?? ""),
    withClaims: tag !== null,
    item: item?.number ?? 0,
    withItem: item !== null,
    // `HEAD:` is the default branch; the folder as configured for the SEP check, without its final `/`.
    sepFolder: `HEAD:${ctx.config.seps.path.replace(/\/+$/, "")}`,
    withSeps: item?.sep ?? false,
  };
  handles.forEach((h, i) => (variables[`u${i}`] = h));
  return queryAllowingNotFound(
    () => ctx.github.graphql<IntakeQueryResult>(buildIntakeQuery(handles.length, extras), variables),
    (path) => /^u\d+$/.test(String(path[0])) || (path[0] === "repository" && path[1] === "item"),
  );
}

async function itemExists(ctx: FeatureContext, number: number, item: ItemLookup): Promise<boolean> {
  return itemFound(await runQuery(ctx, number, [], item, null), item);
}

function usersFrom(data: IntakeQueryResult, handles: string[]): Record<string, boolean> {
  return Object.fromEntries(handles.map((h, i) => [h.toLowerCase(), Boolean(data[`u${i}`])]));
}

/**
 * Every request that claimed `tag`, oldest first: the first page came with the intake query when the
 * payload already named this tag; further pages only when more than a page of requests claimed it,
 * up to a cap (`complete: false` past it).
 */
async function readClaims(ctx: FeatureContext, tag: string, first: ClaimsConnection | undefined): Promise<{ nodes: ClaimNode[]; complete: boolean }> {
  const label = claimLabel(ctx.config.intake.labels.claimPrefix, tag);
  const readPage = async (after: string | null) =>
    (await ctx.github.graphql<ClaimsPageResult>(CLAIMS_PAGE_QUERY, { owner: ctx.repo.owner, repo: ctx.repo.repo, claimLabel: label, after })).repository?.claims ??
    { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
  let page = first ?? (await readPage(null));
  const nodes: ClaimNode[] = [...page.nodes];
  for (let pages = 1; page.pageInfo.hasNextPage && page.pageInfo.endCursor; pages++) {
    if (pages >= MAX_CLAIM_PAGES) return { nodes, complete: false };
    page = await readPage(page.pageInfo.endCursor);
    nodes.push(...page.nodes);
  }
  return { nodes, complete: true };
}

/** The group registry; never fails. */
function readRegistry(ctx: FeatureContext): Promise<Pick<Registry, "groups">> {
  return loadRegistry(ctx.github, ctx.repo, ctx.config).catch((error: unknown) => {
    // Without the registry the other checks still help the requester; the tag is re-checked on the next edit.
    ctx.log.warn({ err: error }, "group registry unavailable; registered tags not checked");
    return { groups: [] };
  });
}

/** Tags held by every group in the registry, and the requested tag when an earlier or approved request holds it. */
function takenTags(
  ctx: FeatureContext, tag: string | null, claims: { nodes: ClaimNode[] } | null, self: { number: number; createdAt: string }, registry: Pick<Registry, "groups">,
): Record<string, string> {
  const taken: Record<string, string> = {};
  for (const group of registry.groups) taken[group.tag.toLowerCase()] = `the registered group "${escapeUserText(group.name, 80)}"`;
  if (tag !== null && claims && !(tag in taken)) {
    const holder = findHolder(claims.nodes, self, { request: ctx.config.intake.labels.request, approved: ctx.config.decisions.labels.approved });
    if (holder !== null) taken[tag] = `request #${holder}`;
  }
  return taken;
}
