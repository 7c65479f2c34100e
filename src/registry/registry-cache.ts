import { systemClock } from "../core/clock.js";
import { isDefaultBranchPush } from "../core/events.js";
import type { RepoRef } from "../core/plan.js";
import type { Registry } from "./types.js";

/**
 * The registry changes only when the default branch does, so it is cached by commit. What is cached:
 * - the last registry read per repository (and charter folders), with the commit it was read at;
 * - the default-branch head commit per repository and when it was learnt. A push payload's `after`
 *   or any GraphQL answer that carried `defaultBranchRef { target { oid } }` can tell it for free
 *   (`rememberHeadCommit`); otherwise it is re-checked at most once per `headCheckSeconds`.
 * The cache lives in the process: each replica reads each commit once. Its ages are time elapsed in
 * this process (the system clock), not a date any decision depends on, so an injected clock is not used.
 */
const MAX_REPOSITORIES = 200;

interface HeadEntry {
  oid: string;
  seenAt: number;
}

const heads = new Map<string, HeadEntry>();
const registries = new Map<string, Registry>();
const inflight = new Map<string, Promise<Registry>>();

export function repoKey(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key); // re-insert so the Map's order is least-recently-stored first
  map.set(key, value);
  while (map.size > MAX_REPOSITORIES) map.delete(map.keys().next().value!);
}

/** Records the default branch's head commit, learnt from a push payload or another query. */
export function rememberHeadCommit(repo: RepoRef, oid: string, now: number = systemClock().getTime()): void {
  if (/^[0-9a-f]{40}$/i.test(oid)) bounded(heads, repoKey(repo), { oid: oid.toLowerCase(), seenAt: now });
}

/**
 * A push to the default branch names the new head commit for free, so the next event reads the new
 * charters at once instead of trusting the old head until the head-check interval ends.
 */
export function notePushedHead(payload: any): void {
  const repo = payload?.repository;
  if (!isDefaultBranchPush(payload) || !repo?.owner?.login || !repo.name) return;
  const ref = { owner: repo.owner.login, repo: repo.name };
  carryRegistryForward(ref, payload);
  rememberHeadCommit(ref, payload.after);
}

/** GitHub lists at most 20 commits in a push payload: a longer push's changed files are not all known from it. */
const PAYLOAD_COMMIT_CAP = 20;

/**
 * A push that touched no charter leaves the registry as it was, so the registry read at the push's
 * parent is kept as read at the new head: the next event (an agenda push, a SEP pull request after a
 * merge) reads nothing. Only a push straight on top of the cached commit whose payload lists every
 * commit qualifies; anything else (a forced push, a long push, an unknown parent) reads again.
 */
function carryRegistryForward(repo: RepoRef, payload: any): void {
  const before = String(payload.before ?? "").toLowerCase();
  const after = String(payload.after ?? "").toLowerCase();
  const commits: unknown[] = Array.isArray(payload.commits) ? payload.commits : [];
  if (payload.forced || commits.length === 0 || commits.length >= PAYLOAD_COMMIT_CAP || !/^[0-9a-f]{40}$/.test(after)) return;
  const paths = changedPaths(commits);
  for (const listener of pushListeners) listener(repo, before, after, paths);
  const prefix = `${repoKey(repo)}|`;
  for (const [key, registry] of [...registries]) {
    if (!key.startsWith(prefix) || registry.commit !== before) continue;
    // The cache key names the charter folders: `<repo>|<working groups>|<interest groups>`.
    const folders = key.slice(prefix.length).split("|").map((f) => f.replace(/^\/+|\/+$/g, ""));
    if (paths.some((path) => folders.some((folder) => path === folder || path.startsWith(`${folder}/`)))) continue;
    bounded(registries, key, { ...registry, commit: after });
  }
}

type PushListener = (repo: RepoRef, before: string, after: string, paths: readonly string[]) => void;
const pushListeners: PushListener[] = [];
const clearListeners: (() => void)[] = [];

/**
 * Other caches kept by default-branch commit (intake's forms) follow a push the same way: told the
 * push's parent, new head and every changed path, when the payload lists every commit of it.
 */
export function onPushedHead(listener: PushListener): void {
  pushListeners.push(listener);
}

/** Other commit-keyed caches are forgotten with this one (tests, the CLI). */
export function onRegistryCacheClear(listener: () => void): void {
  clearListeners.push(listener);
}

/** Every path the payload's commits added, modified or removed. */
function changedPaths(commits: readonly unknown[]): string[] {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  return commits.flatMap((commit) => {
    const { added, modified, removed } = (commit ?? {}) as Record<string, unknown>;
    return [...list(added), ...list(modified), ...list(removed)].filter((p): p is string => typeof p === "string");
  });
}

/** The head commit, if it was learnt less than `maxAgeMs` ago. */
export function knownHeadCommit(repo: RepoRef, maxAgeMs: number, now: number = systemClock().getTime()): string | undefined {
  const entry = heads.get(repoKey(repo));
  return entry && now - entry.seenAt < maxAgeMs ? entry.oid : undefined;
}

export function cachedRegistry(key: string): Registry | undefined {
  return registries.get(key);
}

export function storeRegistry(key: string, registry: Registry): void {
  bounded(registries, key, registry);
}

/** Concurrent events for one repository share one request. */
export function sharedLoad(key: string, load: () => Promise<Registry>): Promise<Registry> {
  const running = inflight.get(key);
  if (running) return running;
  const promise = load().finally(() => inflight.delete(key));
  inflight.set(key, promise);
  return promise;
}

/** For tests and the CLI: forget everything. */
export function clearRegistryCache(): void {
  heads.clear();
  registries.clear();
  inflight.clear();
  for (const listener of clearListeners) listener();
}
