import type { Probot } from "probot";
import { defaultConfig } from "../config-schema.js";
import { createGitHubReader, isNotFound, type OctokitLike } from "../../core/github.js";
import { readIdentityFromEnv } from "../../core/identity.js";
import { readCachesOf } from "../../core/read-caches.js";
import type { Clock } from "../../core/clock.js";
import type { PageSource } from "./cache.js";
import { readGovernance } from "./gather.js";
import type { GovernanceView } from "./model.js";

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** `PAGE_REPOS=owner/repo,owner/repo2` limits the page to those; unset, every installed repository with `.github/convener.yml`. */
export function parsePageRepos(value: string | undefined): string[] | null {
  const repos = (value ?? "").split(/[\s,]+/).filter((s) => REPO_NAME.test(s));
  return repos.length > 0 ? repos : null;
}

type Auth = (installationId?: number) => Promise<OctokitLike>;

/**
 * Reads communities as the app (only reads: the page never writes). Installations are found with
 * the app JWT and remembered per owner; the list of communities is every installed, unarchived
 * repository holding `.github/convener.yml`, as the sweep visits them.
 */
export function createPageSource(app: Probot, clock: Clock, env: NodeJS.ProcessEnv = process.env): PageSource {
  const auth = ((id?: number) => app.auth(id)) as unknown as Auth;
  const identity = readIdentityFromEnv(env);
  const installations = new Map<string, number>();
  const configured = parsePageRepos(env.PAGE_REPOS);

  const installationOf = async (owner: string): Promise<number> => {
    const known = installations.get(owner.toLowerCase());
    if (known !== undefined) return known;
    const all = (await (await auth()).paginate("GET /app/installations", { per_page: 100 })) as { id: number; account: { login?: string } | null }[];
    for (const i of all) if (i.account?.login) installations.set(i.account.login.toLowerCase(), i.id);
    const id = installations.get(owner.toLowerCase());
    if (id === undefined) throw new Error(`the app is not installed on ${owner}`);
    return id;
  };

  return {
    log: app.log,
    now: () => clock().getTime(),
    async listRepos() {
      if (configured) return configured;
      const app0 = await auth();
      const all = (await app0.paginate("GET /app/installations", { per_page: 100 })) as { id: number; account: { login?: string } | null }[];
      const repos: string[] = [];
      for (const installation of all) {
        if (installation.account?.login) installations.set(installation.account.login.toLowerCase(), installation.id);
        const octokit = await auth(installation.id);
        const list = (await octokit.paginate("GET /installation/repositories", { per_page: 100 })) as { full_name: string; archived?: boolean; name: string; owner: { login: string } }[];
        for (const r of list) {
          if (r.archived) continue;
          if (await hasConfigFile(octokit, r.owner.login, r.name)) repos.push(`${r.owner.login}/${r.name}`);
        }
      }
      return repos.sort((a, b) => a.localeCompare(b));
    },
    async read(full: string): Promise<GovernanceView> {
      const [owner, repo] = full.split("/") as [string, string];
      const octokit = await auth(await installationOf(owner));
      const loaded = await readCachesOf(app).loadConfig({ octokit, repo: () => ({ owner, repo }), config: async () => null } as never);
      if (!loaded.ok) app.log.warn({ repo: full, problems: loaded.problems }, "invalid .github/convener.yml; the page uses the defaults");
      return readGovernance(createGitHubReader(octokit), { owner, repo }, loaded.ok ? loaded.config : defaultConfig, identity, clock());
    },
  };
}

async function hasConfigFile(octokit: OctokitLike, owner: string, repo: string): Promise<boolean> {
  try {
    await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path: ".github/convener.yml" });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
