import type { RepoRef } from "./plan.js";

/**
 * GraphQL label writes take label node ids, not names. Ids are remembered per repository for the
 * life of the process: labels are few and rarely change, and a `label` webhook (edited, deleted)
 * drops the stale entry. Gather queries feed this directory with the labels they read (see
 * `labelLookupFields`), webhook payloads with the labels they carry, so a write needs no lookup.
 */
const directory = new Map<string, Map<string, string>>();

/** Labels a lookup found missing: a write creates them without asking again (a stale entry only costs a refused create). */
const absent = new Map<string, Set<string>>();

const repoKey = (repo: RepoRef) => `${repo.owner}/${repo.repo}`.toLowerCase();

export interface LabelLike {
  name?: unknown;
  /** GraphQL's `id`. */
  id?: unknown;
  /** REST's and the webhook payload's `node_id`. */
  node_id?: unknown;
}

/** Remembers the node ids of labels read from GitHub (REST objects, GraphQL nodes or payload labels). */
export function rememberLabelIds(repo: RepoRef, labels: Iterable<LabelLike | null | undefined>): void {
  let known = directory.get(repoKey(repo));
  for (const label of labels) {
    const id = typeof label?.node_id === "string" ? label.node_id : typeof label?.id === "string" ? label.id : undefined;
    if (typeof label?.name !== "string" || !id) continue;
    if (!known) directory.set(repoKey(repo), (known = new Map()));
    known.set(label.name.toLowerCase(), id);
    absent.get(repoKey(repo))?.delete(label.name.toLowerCase());
  }
}

/** The node id of a label by name (case-insensitive, as GitHub compares label names), if known. */
export function knownLabelId(repo: RepoRef, name: string): string | undefined {
  return directory.get(repoKey(repo))?.get(name.toLowerCase());
}

/** Repositories whose whole label list was read: a label not in the directory is not there. */
const listedInFull = new Set<string>();

/** True when the last lookup of this label (or a read of every label) found that the repository does not have it. */
export function isLabelKnownAbsent(repo: RepoRef, name: string): boolean {
  if (knownLabelId(repo, name)) return false;
  return (absent.get(repoKey(repo))?.has(name.toLowerCase()) ?? false) || listedInFull.has(repoKey(repo));
}

/** Remembers a read of the repository's labels; `complete` when it held every one of them (no next page). */
export function rememberLabelList(repo: RepoRef, labels: Iterable<LabelLike | null | undefined>, complete: boolean): void {
  rememberLabelIds(repo, labels);
  if (complete) listedInFull.add(repoKey(repo));
  else listedInFull.delete(repoKey(repo));
}

/** A label was renamed or deleted: its id must be looked up again. */
export function forgetLabelId(repo: RepoRef, name: string): void {
  directory.get(repoKey(repo))?.delete(name.toLowerCase());
  absent.get(repoKey(repo))?.delete(name.toLowerCase());
  listedInFull.delete(repoKey(repo));
}

/** For tests: an empty directory. */
export function forgetAllLabelIds(): void {
  directory.clear();
  absent.clear();
  listedInFull.clear();
}

const ALIAS_PREFIX = "convenerLabel_";

/**
 * Selections to put inside a `repository { … }` block of a gather query: one aliased
 * `label(name:)` per name. The alias carries the name (hex: aliases allow only letters, digits and
 * `_`), so an answer of `null` says which label the repository lacks. Feed the answer's repository
 * object to `rememberLookedUpLabels`.
 */
export function labelLookupFields(names: readonly string[]): string {
  return names.map((name) => `${ALIAS_PREFIX}${Buffer.from(name, "utf8").toString("hex")}: label(name: ${JSON.stringify(name)}) { id name }`).join("\n");
}

/** Remembers the labels found by `labelLookupFields` in a repository object of a query's answer, and those found missing. */
export function rememberLookedUpLabels(repo: RepoRef, repository: Record<string, unknown> | null | undefined): void {
  if (!repository) return;
  for (const [key, value] of Object.entries(repository)) {
    if (!key.startsWith(ALIAS_PREFIX)) continue;
    if (value) {
      rememberLabelIds(repo, [value as LabelLike]);
      continue;
    }
    const name = Buffer.from(key.slice(ALIAS_PREFIX.length), "hex").toString("utf8").toLowerCase();
    let missing = absent.get(repoKey(repo));
    if (!missing) absent.set(repoKey(repo), (missing = new Set()));
    missing.add(name);
  }
}
