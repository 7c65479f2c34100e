import { ListCappedError } from "./paging.js";
import { sharePromise } from "./share-promise.js";
import { readRestList } from "./rest-pages.js";
import type { TeamReader } from "./roles.js";
import { WriteRefusedError, isReadRequest } from "./write-guard.js";

/**
 * What `gather` may do with GitHub: read. The type offers no write, and the implementation refuses
 * one at run time too, so a feature cannot write outside `applyPlan` by accident.
 */
export interface GitHubReader {
  /** `route` is a REST path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  get<T = any>(route: string, params?: Record<string, unknown>): Promise<T>;
  /** All pages of a list endpoint. */
  paginate<T = any>(route: string, params?: Record<string, unknown>): Promise<T[]>;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** The slice of an Octokit instance the app uses; Probot's octokit satisfies it. */
export interface OctokitLike {
  request: ((route: string, params?: Record<string, unknown>) => Promise<{ data: any; status: number; headers: any }>) & {
    endpoint?: unknown;
  };
  paginate: (route: string, params?: Record<string, unknown>) => Promise<any[]>;
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<any>;
}

/** A reader for one delivery: identical reads share one request until the next write (`forget`). */
export interface CachingGitHubReader extends GitHubReader {
  /** Drops every cached answer; called after a plan wrote something, so later features read fresh state. */
  forget(): void;
}

export function createGitHubReader(octokit: OctokitLike): CachingGitHubReader {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => sharePromise(cache, key, read);
  return {
    get(route, params) {
      return once(`GET ${route} ${JSON.stringify(params ?? {})}`, async () => (await octokit.request(`GET ${route}`, params)).data);
    },
    paginate(route, params) {
      return once(`LIST ${route} ${JSON.stringify(params ?? {})}`, () => octokit.paginate(`GET ${route}`, { per_page: 100, ...params }));
    },
    graphql(query, variables) {
      if (!isReadRequest({ method: "POST", url: "/graphql", query })) return Promise.reject(new WriteRefusedError("POST", "/graphql (mutation)"));
      return once(`GQL ${query} ${JSON.stringify(variables ?? {})}`, () => octokit.graphql(query, variables));
    },
    forget() {
      cache.clear();
    },
  };
}

export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { status?: number }).status === 404;
}

/** Members read of one team (10 requests at worst): a role team is a few dozen people, not an org. */
export const MAX_TEAM_MEMBERS = 1000;

export function createTeamReader(github: GitHubReader): TeamReader {
  return {
    async isTeamMember(org, team, login) {
      try {
        const membership = await github.get<{ state?: string }>("/orgs/{org}/teams/{team_slug}/memberships/{username}", {
          org,
          team_slug: team,
          username: login,
        });
        return membership.state === "active";
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    async listTeamMembers(org, team) {
      try {
        const members = await readRestList<{ login: string }>(github, "/orgs/{org}/teams/{team_slug}/members", { org, team_slug: team }, MAX_TEAM_MEMBERS);
        if (!members.complete) throw new ListCappedError(`the members of team @${org}/${team}`, MAX_TEAM_MEMBERS);
        return members.nodes.map((m) => m.login);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },
  };
}
