import { ProbotOctokit } from "probot";

export const API = "https://api.github.com";

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

/**
 * Probot's own Octokit class (what handlers get), with retries and throttling off (function form),
 * recording every request that reaches the transport as `METHOD /path` (query string dropped).
 */
export function createTestOctokit(): { octokit: TestOctokit; requests: string[] } {
  const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  const octokit = new Octokit({ auth: "test" });
  const requests: string[] = [];
  octokit.hook.before("request", (options: any) => {
    const url = String(options.url).replace(/\{([^}]+)\}/g, (_m: string, k: string) => encodeURIComponent(String(options[k])));
    requests.push(`${options.method} ${url.replace(/^https?:\/\/[^/]+/, "").split("?")[0]}`);
  });
  return { octokit, requests };
}
