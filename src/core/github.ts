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

export function createGitHubReader(octokit: OctokitLike): GitHubReader {
  return {
    async get(route, params) {
      return (await octokit.request(`GET ${route}`, params)).data;
    },
    async paginate(route, params) {
      return octokit.paginate(`GET ${route}`, { per_page: 100, ...params });
    },
    async graphql(query, variables) {
      if (!isReadRequest({ method: "POST", url: "/graphql", query })) throw new WriteRefusedError("POST", "/graphql (mutation)");
      return octokit.graphql(query, variables);
    },
  };
}

export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { status?: number }).status === 404;
}

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
        const members = await github.paginate<{ login: string }>("/orgs/{org}/teams/{team_slug}/members", { org, team_slug: team });
        return members.map((m) => m.login);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },
  };
}
