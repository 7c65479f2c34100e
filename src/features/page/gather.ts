import type { Config } from "../config-schema.js";
import type { GitHubReader } from "../../core/github.js";
import type { AppIdentity } from "../../core/identity.js";
import { parseMarkers } from "../../core/markers.js";
import type { RepoRef } from "../../core/plan.js";
import { loadRegistry } from "../../registry/load-registry.js";
import { readRepoMeetings } from "../calendar/read-meetings.js";
import { getField, parseSep } from "../seps/parse-sep.js";
import type { GovernanceView, GroupRow, ItemRef, MeetingRow, ProposalRow, RequestRow, SepRow, VoteRow } from "./model.js";
import { PAGE_QUERY, type PageActor, type PageItem, type PageQueryResult } from "./query.js";

const DAY_MS = 86_400_000;
const WEEKS = 26;
const MEETING_DAYS = 28;
const VOTE = /^\/vote\s+(yes|no|abstain)\b/im;

/**
 * Reads one community for the page: the registry (cached per commit), the meetings as the
 * calendar reads them (one request), and the page's own request (PAGE_QUERY). Three bounded reads,
 * whatever the number of groups, SEPs or meetings.
 */
export async function readGovernance(github: GitHubReader, repo: RepoRef, config: Config, identity: AppIdentity, now: Date): Promise<GovernanceView> {
  const problems: string[] = [];
  const [registry, meetings, data] = await Promise.all([
    loadRegistry(github, repo, config),
    readRepoMeetings(github, repo, config, identity).catch((error: unknown) => {
      problems.push(`meetings could not be read: ${(error as Error).message}`);
      return null;
    }),
    github.graphql<PageQueryResult>(PAGE_QUERY, { owner: repo.owner, repo: repo.repo, seps: `HEAD:${config.seps.path.replace(/\/$/, "")}` }),
  ]);
  const r = data.repository;
  const url = r?.url ?? `https://github.com/${repo.owner}/${repo.repo}`;
  const items = [...(r?.issues.nodes ?? []), ...(r?.pullRequests.nodes ?? [])].filter((i): i is PageItem => i !== null);
  const pulls = new Set((r?.pullRequests.nodes ?? []).flatMap((p) => (p ? [p.url] : [])));
  const isOwn = (actor: PageActor | null) => isOwnActor(actor, identity);
  const labelsOf = (i: PageItem) => (i.labels?.nodes ?? []).map((l) => l.name.toLowerCase());
  const open = items.filter((i) => i.state === "OPEN");
  const ref = (i: PageItem): ItemRef => ({ number: i.number, title: i.title, url: i.url });

  const groups: GroupRow[] = registry.groups.map((g) => {
    const times = items.filter((i) => labelsOf(i).includes(g.tag.toLowerCase())).flatMap((i) => humanTimes(i, isOwn));
    const latest = times.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    return {
      name: g.name, kind: g.kind, tag: g.tag, status: g.status, path: g.path,
      leads: g.leads.map((l) => (l.handle ? `@${l.handle}` : (l.name ?? "?"))),
      ...(g.meetingFrequency ? { meetingFrequency: g.meetingFrequency } : {}),
      ...(Number.isFinite(latest) ? { lastHumanActivity: new Date(latest).toISOString() } : {}),
      weekly: countWeekly(times, now),
    };
  });

  const labels = config.intake.labels;
  const requests: RequestRow[] = open
    .filter((i) => labelsOf(i).includes(labels.request.toLowerCase()))
    .map((i) => {
      const has = (l: string) => labelsOf(i).includes(l.toLowerCase());
      const vote = openVoteOf(i, isOwn);
      const state = vote ? "vote open" : has(labels.ready) ? "ready for a vote" : has(labels.needsChanges) ? "needs changes" : "under review";
      return { ...ref(i), kind: has(labels.workingGroup) ? "Working Group" : has(labels.interestGroup) ? "Interest Group" : "Group", state };
    });

  const votes: VoteRow[] = open.flatMap((i) => {
    const vote = openVoteOf(i, isOwn);
    if (!vote) return [];
    const electorate = new Set(vote.electorate.map((e) => e.toLowerCase()));
    const voters = new Set(
      (i.comments?.nodes ?? [])
        .filter((c) => !isOwn(c.author) && Date.parse(c.createdAt) >= Date.parse(vote.opened) && VOTE.test(c.body ?? ""))
        .map((c) => (c.author?.login ?? "").toLowerCase())
        .filter((login) => electorate.has(login)),
    );
    return [{ ...ref(i), deadline: vote.deadline, binding: voters.size, electorate: electorate.size }];
  });

  const consensusLabel = readConsensusLabel(config).toLowerCase();
  const proposals: ProposalRow[] = open
    .filter((i) => labelsOf(i).includes(consensusLabel))
    .map((i) => {
      const marker = (i.comments?.nodes ?? []).filter((c) => isOwn(c.author)).flatMap((c) => parseMarkers(c.body)).reverse().find((m) => m.key === "consensus");
      const d = marker?.data ?? {};
      return {
        ...ref(i), pull: pulls.has(i.url),
        ...(typeof d.deadline === "string" && !Number.isNaN(Date.parse(d.deadline)) ? { deadline: d.deadline } : {}),
        ...(typeof d.state === "string" ? { state: d.state } : {}),
        ...(typeof d.size === "string" ? { size: d.size } : {}),
      };
    });

  const reviews = open.filter((i) => labelsOf(i).includes(config.retirement.labels.candidate.toLowerCase())).map(ref);

  const feedBase = "/convener/calendar";
  const until = now.getTime() + MEETING_DAYS * DAY_MS;
  const meetingRows: MeetingRow[] = (meetings?.meetings ?? [])
    .filter((m) => Date.parse(m.agenda.when.endUtc) >= now.getTime() && Date.parse(m.agenda.when.startUtc) <= until)
    .sort((a, b) => Date.parse(a.agenda.when.startUtc) - Date.parse(b.agenda.when.startUtc))
    .map((m) => ({
      groupName: m.groupName, tag: m.agenda.tag, title: m.agenda.title, startUtc: m.agenda.when.startUtc,
      localLabel: m.agenda.when.localLabel, utcLabel: m.agenda.when.utcLabel, cancelled: m.agenda.cancelled,
      ...(m.issueUrl ? { notesUrl: m.issueUrl } : {}), feedUrl: `${feedBase}/${encodeURIComponent(m.agenda.tag)}.ics`,
    }));

  const seps = readSeps(r?.seps?.entries ?? [], config, url);
  return { repo: `${repo.owner}/${repo.repo}`, url, groups, requests, votes, proposals, meetings: meetingRows, seps, reviews, problems };
}

function readConsensusLabel(config: Config): string {
  return config.consensus.labels.pending;
}

/** The app's own comments: a Bot whose login is the app's (GraphQL spells it without `[bot]`). */
function isOwnActor(actor: PageActor | null, identity: AppIdentity): boolean {
  if (!actor || actor.__typename !== "Bot") return false;
  if (!identity.login) return true;
  const login = (actor.login ?? "").toLowerCase();
  const own = identity.login.toLowerCase();
  return login === own || `${login}[bot]` === own;
}

/** The vote still open on an item: a vote marker in the app's comments with no result marker for it. */
function openVoteOf(item: PageItem, isOwn: (a: PageActor | null) => boolean): { opened: string; deadline: string; electorate: string[] } | null {
  const markers = (item.comments?.nodes ?? []).filter((c) => isOwn(c.author)).flatMap((c) => parseMarkers(c.body));
  const results = new Set(markers.flatMap((m) => /^decisions:result:(\d+)$/.exec(m.key)?.[1] ?? []));
  for (const m of markers) {
    const n = /^decisions:vote:(\d+)$/.exec(m.key)?.[1];
    const d = m.data;
    if (!n || results.has(n) || typeof d.deadline !== "string" || typeof d.opened !== "string" || !Array.isArray(d.electorate)) continue;
    return { opened: d.opened, deadline: d.deadline, electorate: d.electorate.filter((e): e is string => typeof e === "string") };
  }
  return null;
}

/** When people (not bots) opened the item or commented on it. */
function humanTimes(item: PageItem, isOwn: (a: PageActor | null) => boolean): number[] {
  const human = (a: PageActor | null) => Boolean(a) && a!.__typename !== "Bot" && !isOwn(a);
  return [
    ...(human(item.author) ? [Date.parse(item.createdAt)] : []),
    ...(item.comments?.nodes ?? []).filter((c) => human(c.author)).map((c) => Date.parse(c.createdAt)),
  ].filter((t) => Number.isFinite(t));
}

/** Events per week over the last 26 weeks, oldest first (the last bucket ends now). */
export function countWeekly(times: readonly number[], now: Date): number[] {
  const weeks = new Array<number>(WEEKS).fill(0);
  for (const t of times) {
    const age = Math.floor((now.getTime() - t) / (7 * DAY_MS));
    if (age >= 0 && age < WEEKS) weeks[WEEKS - 1 - age]! += 1;
  }
  return weeks;
}

function readSeps(entries: NonNullable<NonNullable<PageQueryResult["repository"]>["seps"]>["entries"] & object, config: Config, url: string): SepRow[] {
  const ignored = new Set(config.seps.ignoreFiles.map((f) => f.toLowerCase()));
  const rows: SepRow[] = [];
  for (const e of entries) {
    if (e.type !== "blob" || !e.name.endsWith(".md") || ignored.has(e.name.toLowerCase())) continue;
    const text = e.object?.text;
    if (!text || e.object!.isBinary || e.object!.byteSize > config.seps.maxFileBytes) continue;
    const sep = parseSep(text);
    const pr = getField(sep, "PR")?.value ?? "";
    const prNumber = /#?(\d+)\b/.exec(pr)?.[1];
    const prUrl = /^https?:\/\/\S+$/.test(pr) ? pr : prNumber ? `${url}/pull/${prNumber}` : undefined;
    rows.push({
      number: sep.number, title: sep.title, status: getField(sep, "Status")?.value || "unknown", path: `${config.seps.path}${e.name}`,
      ...(sep.workingGroup?.name ? { workingGroup: sep.workingGroup.name } : {}), ...(prUrl ? { prUrl } : {}),
    });
  }
  return rows.sort((a, b) => (a.number ?? 1e9) - (b.number ?? 1e9));
}
