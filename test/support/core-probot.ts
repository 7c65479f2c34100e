import { Probot, ProbotOctokit } from "probot";
import convener from "../../src/index.js";
import { createMemoryLog, type LogLine } from "./memory-log.js";

export type { LogLine };

export interface CoreProbot {
  probot: Probot;
  /** Every request the app's Octokit sent past any write guard, as `METHOD /path`. */
  requests: string[];
  /** Every log line the app wrote at info level or above, parsed from pino's JSON. */
  logs: LogLine[];
}

/**
 * The real app on a Probot with a pino logger writing into memory (so tests can read the dry-run
 * plan), throttling and retries off (function form), and `env` set while the app is loaded (that is
 * when `src/index.ts` reads `DRY_RUN`, `APP_ID`, `APP_SLUG`).
 */
export async function createCoreProbot(env: Record<string, string> = {}): Promise<CoreProbot> {
  const { log, lines: logs } = createMemoryLog();
  const requests: string[] = [];
  const Recording = ProbotOctokit.plugin((octokit: any) => {
    octokit.hook.before("request", (o: { method: string; url: string }) => {
      requests.push(`${o.method} ${String(o.url).replace(/^https?:\/\/[^/]+/, "").split("?")[0]}`);
    });
  });
  const Octokit = Recording.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  const saved = { ...process.env };
  Object.assign(process.env, { APP_ID: "42", APP_SLUG: "convener", DRY_RUN: "", ...env });
  try {
    const probot = new Probot({ githubToken: "test", Octokit: Octokit as typeof ProbotOctokit, log: log as any });
    await probot.load((app) => convener(app, { addHandler: () => {} }));
    return { probot, requests, logs };
  } finally {
    process.env = saved;
  }
}
