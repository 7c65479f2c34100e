import type { Config } from "../features/config-schema.js";
import { systemClock } from "../core/clock.js";
import { checkFileSize } from "../core/file-size.js";
import type { GitHubReader } from "../core/github.js";
import type { RepoRef } from "../core/plan.js";
import { DEFAULT_MAX_CHARTER_BYTES } from "./config.js";
import { parseCharter } from "./parse-charter.js";
import {
  REGISTRY_HEAD_QUERY, REGISTRY_QUERY, folderExpression, type RegistryHeadResult, type RegistryQueryResult, type TreeEntry,
} from "./query.js";
import { cachedRegistry, knownHeadCommit, rememberHeadCommit, repoKey, sharedLoad, storeRegistry } from "./registry-cache.js";
import type { Group, GroupKind, Registry, RegistryProblem } from "./types.js";

export { findGroup } from "./types.js";
export { clearRegistryCache, rememberHeadCommit } from "./registry-cache.js";

export interface LoadOptions {
  /** The default branch's head when the event tells it (a push payload's `after`): saves the head check. */
  headCommit?: string;
  /** Milliseconds clock, for tests of the head-check interval. */
  now?: () => number;
}

/**
 * The group registry at the default branch's head. Cost: nothing while the head is known (from a
 * push, another query, or a check less than `registry.headCheckSeconds` ago) and the registry was
 * read at it; one small head query after that interval; one request for the registry itself, once
 * per default-branch commit that changes a charter (see `notePushedHead`).
 */
export async function loadRegistry(github: GitHubReader, repo: RepoRef, config: Config, options: LoadOptions = {}): Promise<Registry> {
  const now = options.now ?? (() => systemClock().getTime());
  const { headCheckSeconds } = config.registry;
  const key = cacheKey(repo, config);
  if (options.headCommit) rememberHeadCommit(repo, options.headCommit, now());
  const cached = cachedRegistry(key);
  if (!cached) return sharedLoad(key, () => readRegistry(github, repo, config, key, now));
  let head = knownHeadCommit(repo, headCheckSeconds * 1000, now());
  if (head === undefined) {
    head = await readHeadCommit(github, repo);
    if (head) rememberHeadCommit(repo, head, now());
  }
  if (head === cached.commit) return cached;
  return sharedLoad(key, () => readRegistry(github, repo, config, key, now));
}

function cacheKey(repo: RepoRef, config: Config): string {
  return `${repoKey(repo)}|${config.registry.workingGroupsPath}|${config.registry.interestGroupsPath}`;
}

/**
 * Whether a registry was read for this repository: a gather that can learn the head commit in its
 * own query loads the registry after it (usually free), and only an uncached one in parallel.
 */
export function hasCachedRegistry(repo: RepoRef, config: Config): boolean {
  return cachedRegistry(cacheKey(repo, config)) !== undefined;
}

async function readHeadCommit(github: GitHubReader, repo: RepoRef): Promise<string | undefined> {
  const data = await github.graphql<RegistryHeadResult>(REGISTRY_HEAD_QUERY, { owner: repo.owner, repo: repo.repo });
  return data.repository?.defaultBranchRef?.target?.oid?.toLowerCase();
}

async function readRegistry(github: GitHubReader, repo: RepoRef, config: Config, key: string, now: () => number): Promise<Registry> {
  const { workingGroupsPath, interestGroupsPath } = config.registry;
  const data = await github.graphql<RegistryQueryResult>(REGISTRY_QUERY, {
    owner: repo.owner, repo: repo.repo, wg: folderExpression(workingGroupsPath), ig: folderExpression(interestGroupsPath),
  });
  if (!data.repository) throw new Error(`repository ${repo.owner}/${repo.repo} is not readable`);
  const commit = data.repository.defaultBranchRef?.target?.oid?.toLowerCase() ?? "";
  const registry = buildRegistry(commit, [
    { folder: workingGroupsPath, kind: "wg", entries: data.repository.wg?.entries ?? [] },
    { folder: interestGroupsPath, kind: "ig", entries: data.repository.ig?.entries ?? [] },
  ], repo, config.registry.maxCharterBytes);
  if (commit) {
    rememberHeadCommit(repo, commit, now());
    storeRegistry(key, registry);
  }
  return registry;
}

export interface CharterFolder {
  folder: string;
  kind: GroupKind;
  entries: readonly TreeEntry[];
}

/** Files in a charter folder that are not charters (the folder's index page, drafts marked with `_`). */
function isCharterFile(name: string): boolean {
  return /\.mdx?$/i.test(name) && !/^(index|readme)\.mdx?$/i.test(name) && !/^[_.]/.test(name);
}

/** Parses every charter of both folders (each up to `maxBytes`); also used by the CLI on a local checkout. */
export function buildRegistry(commit: string, folders: readonly CharterFolder[], repo?: RepoRef, maxBytes = DEFAULT_MAX_CHARTER_BYTES): Registry {
  const groups: Group[] = [];
  const problems: RegistryProblem[] = [];
  for (const { folder, kind, entries } of folders) {
    for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.type !== "blob" || !isCharterFile(entry.name)) continue;
      const path = `${folder}/${entry.name}`;
      const text = entry.object?.text;
      if (typeof text !== "string" || entry.object?.isTruncated) {
        problems.push({ path, line: 1, message: "the charter could not be read (binary or too large)" });
        continue;
      }
      const oversized = checkFileSize(path, text, { kind: "charter files", key: "registry.maxCharterBytes", bytes: maxBytes });
      if (oversized) {
        problems.push({ path, line: 1, message: oversized });
        continue;
      }
      groups.push(parseCharter({ path, text, folderKind: kind, ...(repo ? { repo } : {}) }));
    }
  }
  noteDuplicateTags(groups, problems);
  return { commit, groups, problems };
}

/** Two charters claiming one tag: both stay listed (lookups find the first), and the clash is reported. */
function noteDuplicateTags(groups: readonly Group[], problems: RegistryProblem[]): void {
  const seen = new Map<string, Group>();
  for (const group of groups) {
    const first = seen.get(group.tag);
    if (first) problems.push({ path: group.path, line: 1, message: `tag \`${group.tag}\` is also used by ${first.path}` });
    else seen.set(group.tag, group);
  }
}
