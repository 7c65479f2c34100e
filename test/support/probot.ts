import { Probot, ProbotOctokit } from "probot";
import type { Clock } from "../../src/core/clock.js";
import convener from "../../src/index.js";

export interface RecordedRequest {
  method: string;
  url: string;
}

export interface TestProbot {
  probot: Probot;
  /** Every request the app's Octokit sent, in order (GitHub API cost of an event). */
  requests: RecordedRequest[];
  writes(): RecordedRequest[];
  reset(): void;
}

/**
 * A Probot instance running the real app, with throttling and retries off (function form: the
 * object form leaves throttling on) and every API request recorded so tests can count the cost.
 */
export async function createTestProbot(options: { env?: Record<string, string>; secret?: string; load?: boolean; clock?: Clock } = {}): Promise<TestProbot> {
  const requests: RecordedRequest[] = [];
  const Recording = ProbotOctokit.plugin((octokit: any) => {
    octokit.hook.before("request", (o: { method: string; url: string }) => {
      requests.push({ method: o.method, url: o.url });
    });
  });
  const Octokit = Recording.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  const saved = { ...process.env };
  Object.assign(process.env, { APP_ID: "1", APP_SLUG: "convener", ...options.env });
  const probot = new Probot({
    githubToken: "test",
    Octokit: Octokit as typeof ProbotOctokit,
    logLevel: "fatal" as any,
    ...(options.secret ? { secret: options.secret } : {}),
  });
  // `load: false` leaves loading to the caller (createNodeMiddleware loads the app itself).
  if (options.load !== false) await probot.load((app) => convener(app, { addHandler: () => {}, ...(options.clock ? { clock: options.clock } : {}) }));
  process.env = saved;
  return {
    probot,
    requests,
    writes: () => requests.filter((r) => r.method !== "GET" && !(r.method === "POST" && r.url.endsWith("/graphql"))),
    reset: () => void requests.splice(0),
  };
}
