import { readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import { RetirementWorld } from "./retirement-world.js";
import type { OctokitLike } from "../../src/core/github.js";

export const OWNER = "modelcontextprotocol";
export const REPO = "modelcontextprotocol";
const FIXTURES = "/work/shared/fixtures/mcp/charters";
const FIXTURE_DIR = new URL("../../../shared/fixtures/mcp/charters/", import.meta.url);

export const human = (login: string) => ({ login, type: "User" as const });
export const bot = (login: string) => ({ login, type: "Bot" as const });

/** A world with real MCP charters: the given WG and IG files under the default charter folders. */
export function worldWithCharters(now: () => Date, charters: { wg?: string[]; ig?: string[] }): RetirementWorld {
  const world = new RetirementWorld(OWNER, REPO, now);
  const read = (path: string) => {
    try {
      return readFileSync(new URL(path, FIXTURE_DIR), "utf8");
    } catch {
      return readFileSync(`${FIXTURES}/${path}`, "utf8");
    }
  };
  for (const name of charters.wg ?? []) world.charters.set(`docs/community/working-groups/${name}.mdx`, read(`working-groups/${name}.mdx`));
  for (const name of charters.ig ?? []) world.charters.set(`docs/community/interest-groups/${name}.mdx`, read(`interest-groups/${name}.mdx`));
  return world;
}

/** A real Octokit (Probot's) with throttling and retries off, recording every request. */
export function testOctokit(baseUrl?: string): { octokit: OctokitLike; requests: { method: string; url: string }[] } {
  const requests: { method: string; url: string }[] = [];
  const Octokit = ProbotOctokit.plugin((o: any) => {
    o.hook.before("request", (r: { method: string; url: string }) => void requests.push({ method: r.method, url: r.url }));
  });
  const octokit = new Octokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false }, ...(baseUrl ? { baseUrl } : {}) } as any);
  return { octokit: octokit as unknown as OctokitLike, requests };
}
