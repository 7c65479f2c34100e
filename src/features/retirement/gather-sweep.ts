import { queryAllowingNotFound } from "../../core/graphql-errors.js";
import type { SweepContext } from "../../core/sweep.js";
import { loadRegistry } from "../../registry/load-registry.js";
import type { Group } from "../../registry/types.js";
import { isBotActor, isGqlItem, readTrackedItem, type TrackedItem } from "./activity.js";
import type { RetirementSweepInput } from "./decide-sweep.js";
import { buildActivityQuery, type ActivityResult, type GqlItem, type GqlReview, type GqlSearch } from "./queries.js";
import { readReviewComments } from "./review-comments.js";
import { readReviewIssue, type ReviewIssue } from "./review-issue.js";
import type { GroupActivity } from "./staleness.js";

const DAY = 86_400_000;
/** Charter items read per WG; a charter naming more is unusual and the labelled items cover the rest. */
const MAX_WORK_ITEMS = 20;

/**
 * Reads everything the sweep decides on: the registry, then ONE GraphQL request per
 * `groupsPerRequest` WGs (the first also reads the app's review issues). IGs and retired groups
 * cost nothing.
 */
export async function gatherRetirementSweep(ctx: SweepContext): Promise<RetirementSweepInput | null> {
  const settings = ctx.config.retirement;
  if (!settings.enabled) return null;
  const registry = await loadRegistry(ctx.github, ctx.repo, ctx.config);
  if (registry.groups.length === 0) return null;
  const wgs = registry.groups.filter((g) => g.kind === "wg" && g.status !== "retired");
  const since = new Date(ctx.now.getTime() - settings.staleDays * DAY).toISOString().slice(0, 10);

  const batches: Group[][] = [];
  for (let i = 0; i < wgs.length; i += settings.groupsPerRequest) batches.push(wgs.slice(i, i + settings.groupsPerRequest));
  if (batches.length === 0) batches.push([]); // still read the reviews: a group may have been retired meanwhile
  // One after another, as GitHub asks of integrations (concurrent requests trip its secondary limits).
  const results: ActivityResult[] = [];
  for (const [b, batch] of batches.entries()) results.push(await readBatch(ctx, batch, b === 0, since));

  const rawReviews: GqlReview[] = [];
  for (const review of listReviews(results[0]!)) rawReviews.push(await readReviewComments(ctx.github, ctx.repo, review, ctx.log));
  const reviews = rawReviews.map((r) => readReviewIssue(r, ctx.identity)).filter((r): r is ReviewIssue => r !== null);
  const reviewNumbers = new Set(rawReviews.map((r) => r.number));
  const isReviewIssue = (item: GqlItem) =>
    reviewNumbers.has(item.number) || (item.title.startsWith(settings.titlePrefix) && isBotActor(item.author, ctx.identity));

  const activity = new Map<Group, GroupActivity>();
  batches.forEach((batch, b) =>
    batch.forEach((group, g) => activity.set(group, readGroup(group, g, results[b]!, ctx, isReviewIssue))),
  );
  const groups = registry.groups.map((group) => activity.get(group) ?? describeGroup(group, [], 0, 0));
  return { repo: ctx.repo, groups, reviews };
}

/** Charter items that name an issue or PR of THIS repository (a link elsewhere is another tracker). */
function workItemNumbers(group: Group, repo: SweepContext["repo"]): number[] {
  const here = `github.com/${repo.owner}/${repo.repo}/`.toLowerCase();
  const numbers = group.workItems
    .filter((w) => !w.url || !/github\.com\//i.test(w.url) || w.url.toLowerCase().includes(here))
    .map((w) => w.number ?? w.sep)
    .filter((n): n is number => Number.isInteger(n) && n! > 0);
  return [...new Set(numbers)].slice(0, MAX_WORK_ITEMS);
}

/** Search qualifiers quote the label; a quote inside a tag would end it early, so none passes. */
function quote(label: string): string {
  return `"${label.replace(/"/g, "")}"`;
}

async function readBatch(ctx: SweepContext, batch: Group[], withReviews: boolean, since: string): Promise<ActivityResult> {
  const settings = ctx.config.retirement;
  const workItems = batch.map((g) => workItemNumbers(g, ctx.repo));
  const repoQualifier = `repo:${ctx.repo.owner}/${ctx.repo.repo}`;
  const variables: Record<string, unknown> = {};
  if (batch.length > 0) Object.assign(variables, { openFirst: settings.openItemsPerGroup, closedFirst: settings.closedItemsPerGroup });
  batch.forEach((group, g) => {
    const label = `label:${quote(group.tag)}`;
    variables[`open${g}`] = `${repoQualifier} ${label} is:open -label:${quote(settings.labels.candidate)} sort:updated-desc`;
    variables[`closed${g}`] = `${repoQualifier} ${label} is:closed closed:>=${since} sort:updated-desc`;
    workItems[g]!.forEach((n, i) => (variables[`w${g}_${i}`] = n));
  });
  if (withReviews) Object.assign(variables, { candidate: settings.labels.candidate, retired: settings.labels.retired });
  if (withReviews || workItems.some((w) => w.length > 0)) Object.assign(variables, { owner: ctx.repo.owner, repo: ctx.repo.repo });
  const query = buildActivityQuery({ workItems, withReviews });
  // A charter may name an item that does not exist: GitHub answers NOT_FOUND for that alias only.
  return queryAllowingNotFound(
    () => ctx.github.graphql<ActivityResult>(query, variables),
    (path) => path[0] === "repository" && /^w\d+_\d+$/.test(String(path[1])),
  );
}

function listReviews(result: ActivityResult): GqlReview[] {
  const repo = result.repository;
  if (!repo) return [];
  const all = [...(repo.reviewsOpen?.nodes ?? []), ...(repo.reviewsDismissed?.nodes ?? []), ...(repo.reviewsRetired?.nodes ?? [])];
  return all.filter((r, i) => r && all.findIndex((x) => x.number === r.number) === i);
}

function readGroup(
  group: Group, g: number, result: ActivityResult, ctx: SweepContext, isReviewIssue: (i: GqlItem) => boolean,
): GroupActivity {
  const open = (result[`open${g}`] as GqlSearch | undefined) ?? { issueCount: 0, nodes: [] };
  const closed = (result[`closed${g}`] as GqlSearch | undefined) ?? { issueCount: 0, nodes: [] };
  const charter = workItemNumbers(group, ctx.repo).map((_, i) => result.repository?.[`w${g}_${i}`]);
  const seen = new Set<number>();
  const items: TrackedItem[] = [];
  for (const node of [...open.nodes, ...closed.nodes, ...charter]) {
    if (!isGqlItem(node) || seen.has(node.number)) continue;
    seen.add(node.number);
    if (isReviewIssue(node)) continue; // the review itself is not the group's work
    items.push(readTrackedItem(node, ctx.identity));
  }
  const openRead = open.nodes.filter(isGqlItem).map((n) => n.number);
  // The open search leaves out labelled reviews; one found here is open with its label removed by a person.
  const openReviews = open.nodes.filter((n): n is GqlItem => isGqlItem(n) && isReviewIssue(n)).map((n) => n.number);
  // Charter items outside the label search that are still open count as open work.
  const openCharter = items.filter((i) => i.state === "open" && !openRead.includes(i.number)).length;
  const unread = Math.max(0, open.issueCount - openRead.length) + Math.max(0, closed.issueCount - closed.nodes.length);
  return { ...describeGroup(group, items, open.issueCount - openReviews.length + openCharter, unread), openReviews };
}

function describeGroup(group: Group, items: TrackedItem[], openCount: number, unreadItems: number): GroupActivity {
  return {
    name: group.name,
    tag: group.tag,
    kind: group.kind,
    status: group.status,
    leads: group.leads.map((p) => p.handle).filter((h): h is string => typeof h === "string" && h.length > 0),
    items,
    openCount,
    unreadItems,
  };
}
