import type { RepoRef } from "./plan.js";

/**
 * Which files a pull request probably changes, known before it is read: the files its head branch's
 * pushes touched (push webhooks list them, and arrive before the PR's own event for a branch of the
 * same repository) and the files the app looked at on the PR's previous event. The PR read asks for
 * those files' texts in the same query as the PR itself, so a SEP or agenda file is checked one
 * round trip sooner. Only a guess: the PR's file list decides, and a file the guess missed is read
 * after it as before. Kept per process (replicas hear each other's pushes, see event-broadcast.ts),
 * bounded in entries and in paths per entry.
 */
const MAX_ENTRIES = 2_000;
const MAX_PATHS = 100;

const byBranch = new Map<string, string[]>();
const byPull = new Map<string, string[]>();

const branchKey = (fullName: string, branch: string) => `${fullName.toLowerCase()}:${branch}`;
const pullKey = (repo: RepoRef, number: number) => `${repo.owner}/${repo.repo}#${number}`.toLowerCase();

/** A push to a branch: the files its commits added or modified join what the branch is known to touch. */
export function notePushedPaths(payload: any): void {
  const ref = payload?.ref;
  const fullName = payload?.repository?.full_name;
  if (typeof ref !== "string" || !ref.startsWith("refs/heads/") || typeof fullName !== "string") return;
  const key = branchKey(fullName, ref.slice("refs/heads/".length));
  if (payload.deleted === true) {
    byBranch.delete(key);
    return;
  }
  const touched: string[] = [];
  for (const commit of Array.isArray(payload.commits) ? payload.commits : []) {
    for (const list of [commit?.added, commit?.modified]) {
      for (const path of Array.isArray(list) ? list : []) if (typeof path === "string") touched.push(path);
    }
  }
  if (touched.length === 0) return;
  remember(byBranch, key, [...(byBranch.get(key) ?? []), ...touched]);
}

/** The files the app looked at on this PR's event (its SEP and agenda files), for the next event. */
export function notePullPaths(repo: RepoRef, number: number, paths: readonly string[]): void {
  if (paths.length === 0) byPull.delete(pullKey(repo, number));
  else remember(byPull, pullKey(repo, number), paths);
}

/**
 * The paths worth asking for with the PR: those of its previous event, and those its head branch's
 * pushes touched when the branch lives in the same repository (`headRepo` as `owner/name`).
 */
export function guessPullPaths(repo: RepoRef, number: number, head?: { repo: string; branch: string }): string[] {
  const paths = new Set(byPull.get(pullKey(repo, number)) ?? []);
  const sameRepository = head && head.repo.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase();
  if (sameRepository) for (const path of byBranch.get(branchKey(head.repo, head.branch)) ?? []) paths.add(path);
  return [...paths];
}

/** Latest last (a Map keeps insertion order), the oldest entry dropped past the bound; newest paths kept. */
function remember(map: Map<string, string[]>, key: string, paths: readonly string[]): void {
  map.delete(key);
  map.set(key, [...new Set(paths)].slice(-MAX_PATHS));
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}

/** For tests: forget everything. */
export function forgetPullPathHints(): void {
  byBranch.clear();
  byPull.clear();
}
