import type { ConfigScope } from "./config-cache.js";

/** GitHub lists at most this many commits in a push payload: a push of more may have touched anything. */
export const PUSH_COMMITS_LISTED = 20;

/**
 * Which cached configurations a webhook makes stale (`event` as `name.action`). Payloads are
 * hostile too: a field missing or of the wrong type never throws, and where the payload cannot say
 * what changed the answer is the conservative one (everything the repository could have changed).
 *
 * - a push to the default branch (configuration is read there) touching a file some entry was read
 *   from; a push to the owner's `.github` repository touching the configuration file drops every
 *   entry of the owner (each falls back to it or may extend it). A forced push, or one listing
 *   `PUSH_COMMITS_LISTED` commits (GitHub cuts the list there), is taken to touch every file;
 * - `repository.*` (renamed, transferred, default branch changed, deleted…): that repository, and
 *   whatever was read from it;
 * - `installation.*` and `installation_repositories.*`: the account's or those repositories' entries
 *   (permissions or access changed, so an answer read before may not hold).
 */
export function configScopesChangedBy(event: string, payload: any, configPath: string): ConfigScope[] {
  const [name] = event.split(".");
  const repository = payload?.repository;
  const owner = typeof repository?.owner?.login === "string" ? repository.owner.login : undefined;
  const repo = typeof repository?.name === "string" ? repository.name : undefined;
  switch (name) {
    case "push":
      if (!owner || !repo) return [];
      return pushScopes(payload, owner, repo, configPath);
    case "repository":
      if (!owner || !repo) return [];
      return [
        ...wholeRepository(owner, repo),
        // A renamed repository's old name: entries that extended it by name now read nothing there.
        ...(typeof payload?.changes?.repository?.name?.from === "string" ? wholeRepository(owner, payload.changes.repository.name.from) : []),
      ];
    case "installation": {
      const account = payload?.installation?.account?.login;
      return typeof account === "string" ? [{ owner: account }] : [];
    }
    case "installation_repositories": {
      const listed = [...asArray(payload?.repositories_added), ...asArray(payload?.repositories_removed)];
      return listed.flatMap((r) => {
        const [o, n] = typeof r?.full_name === "string" ? r.full_name.split("/") : [];
        return o && n ? [{ repo: { owner: o, repo: n } }] : [];
      });
    }
    default:
      return [];
  }
}

function pushScopes(payload: any, owner: string, repo: string, configPath: string): ConfigScope[] {
  const branch = payload?.repository?.default_branch;
  // Configuration is read at the default branch's head; a push elsewhere (or of a tag) changes none.
  if (typeof branch !== "string" || payload?.ref !== `refs/heads/${branch}`) return [];
  const commits = payload?.commits;
  if (payload?.forced === true || !Array.isArray(commits) || commits.length >= PUSH_COMMITS_LISTED) {
    return wholeRepository(owner, repo);
  }
  const paths = new Set<string>();
  for (const commit of commits) {
    for (const list of [commit?.added, commit?.modified, commit?.removed]) for (const p of asArray(list)) if (typeof p === "string") paths.add(p);
  }
  const scopes: ConfigScope[] = [...paths].map((path) => ({ file: { owner, repo, path } }));
  if (paths.has(configPath)) {
    scopes.push({ repo: { owner, repo } });
    if (repo.toLowerCase() === ".github") scopes.push({ owner });
  }
  return scopes;
}

/** Every entry the repository could have changed: its own, those read from any of its files, and its owner's when it is `.github`. */
function wholeRepository(owner: string, repo: string): ConfigScope[] {
  return [{ repo: { owner, repo } }, { file: { owner, repo } }, ...(repo.toLowerCase() === ".github" ? [{ owner }] : [])];
}

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
