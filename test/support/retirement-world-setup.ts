import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ProbotOctokit } from "probot";
import { RetirementWorld } from "./retirement-world.js";
import { CHARTERS_DIR } from "./shared-fixtures.js";
import type { OctokitLike } from "../../src/core/github.js";

export const OWNER = "modelcontextprotocol";
export const REPO = "modelcontextprotocol";

export const human = (login: string) => ({ login, type: "User" as const });
export const bot = (login: string) => ({ login, type: "Bot" as const });

/** A world with real MCP charters: the given WG and IG files under the default charter folders. */
export function worldWithCharters(now: () => Date, charters: { wg?: string[]; ig?: string[] }): RetirementWorld {
  const world = new RetirementWorld(OWNER, REPO, now);
  const read = (path: string) => readFileSync(join(CHARTERS_DIR, path), "utf8");
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

const DAY = 86_400_000;

/**
 * The three-WG repository of the retirement integration tests, at `now`: Agents active (a human
 * commented two days ago), Server Card stale by time (last human 45 days ago), File Uploads touched
 * only by bots lately; plus the Auth IG, which has no time limit.
 */
export function threeWorkingGroups(now: () => Date): RetirementWorld {
  const ago = (days: number) => new Date(now().getTime() - days * DAY).toISOString();
  const world = worldWithCharters(now, { wg: ["agents", "server-card", "file-uploads"], ig: ["auth"] });
  world.addIssue({ number: 10, title: "Tasks stabilization", labels: ["agents-wg"], author: human("LucaButBoring"), createdAt: ago(100) });
  world.addEvent(10, { type: "IssueComment", actor: human("CaitieM20"), body: "on it", at: ago(2) });
  world.addIssue({ number: 2127, title: "SEP-2127: MCP Server Card", isPull: true, labels: ["server-card-wg"], author: human("dsp-ant"), createdAt: ago(120) });
  world.addEvent(2127, { type: "PullRequestCommit", actor: human("dsp-ant"), at: ago(50) });
  world.addEvent(2127, { type: "PullRequestReview", actor: human("SamMorrowDrums"), at: ago(45) });
  world.addIssue({ number: 2356, title: "SEP-2356: Declarative file inputs", isPull: true, labels: ["file-uploads-wg"], author: human("ochafik"), createdAt: ago(90) });
  world.addEvent(2356, { type: "IssueComment", actor: bot("github-actions[bot]"), body: "CI passed", at: ago(1) });
  world.addEvent(2356, { type: "LabeledEvent", actor: bot("convener[bot]"), at: ago(1) });
  world.addEvent(2356, { type: "PullRequestCommit", actor: bot("dependabot[bot]"), at: ago(1) });
  return world;
}
