import type { AppIdentity } from "../core/identity.js";
import type { RepoRef } from "../core/plan.js";

/** The bot of a workflow's own `GITHUB_TOKEN` (an installation token of GitHub Actions' app). */
export const WORKFLOW_BOT = "github-actions[bot]";

/** Events that run the sweep instead of a feature's handler: there is no payload to hand on. */
export const SWEEP_EVENTS = ["schedule", "workflow_dispatch"] as const;

/** Events the features handle (the documented workflow's `on:` besides the sweep's). */
export const HANDLED_EVENTS = ["issues", "issue_comment", "pull_request_target", "pull_request", "push", "check_run", "check_suite"] as const;

/**
 * A workflow on `pull_request_target` gets the same payload as `pull_request` (with a token that can
 * write on a fork's pull request): the features know it by the webhook's name.
 */
export function webhookNameOf(eventName: string): string {
  return eventName === "pull_request_target" ? "pull_request" : eventName;
}

/** What a runner gives the action, read from the environment it sets (the `with:` inputs arrive as `INPUT_<NAME>`). */
export interface ActionEnv {
  eventName: string;
  eventPath: string;
  token: string;
  repo: RepoRef;
  /** REST root (`https://api.github.com`, or a GitHub Enterprise `/api/v3`); GraphQL is found from it. */
  apiUrl: string;
  identity: AppIdentity;
  /** `GITHUB_RUN_ID`.`GITHUB_RUN_ATTEMPT`: stands for the delivery id in logs. */
  runId: string;
  logLevel: string;
}

/** Reads an input as the Actions toolkit does: `INPUT_` + the name upper-cased, spaces as `_`. */
export function readInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/**
 * The action's environment, or a list of what is missing in words a workflow author can act on.
 * The bot identity is the token's: `<app-slug>[bot]` for an app's installation token (the
 * `app-slug` input, which `actions/create-github-app-token` outputs), else the workflow token's
 * `github-actions[bot]`. Markers are trusted only when written by that identity.
 */
export function readActionEnv(env: NodeJS.ProcessEnv): { ok: true; value: ActionEnv } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const eventName = (env.GITHUB_EVENT_NAME ?? "").trim();
  const eventPath = (env.GITHUB_EVENT_PATH ?? "").trim();
  const token = readInput(env, "token") || (env.GITHUB_TOKEN ?? "").trim();
  const repository = (env.GITHUB_REPOSITORY ?? "").trim();
  const slug = readInput(env, "app-slug").replace(/\[bot\]$/i, "");
  if (eventName && ![...HANDLED_EVENTS, ...SWEEP_EVENTS].includes(eventName as never)) {
    problems.push(`Convener does not handle the ${eventName} event: remove it from the workflow's on: (see docs/action.md)`);
  }
  if (!eventName) problems.push("GITHUB_EVENT_NAME is not set: run Convener as a step of a GitHub Actions workflow");
  if (!eventPath) problems.push("GITHUB_EVENT_PATH is not set: run Convener as a step of a GitHub Actions workflow");
  if (!token) problems.push("no token: pass `token: ${{ secrets.GITHUB_TOKEN }}` or an app token (see docs/action.md)");
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
  if (!m) problems.push(`GITHUB_REPOSITORY must be owner/name, not "${repository}"`);
  if (slug && !/^[a-z\d](?:[a-z\d-]{0,98})$/i.test(slug)) problems.push(`the app-slug input must be a GitHub App's slug (e.g. convener), not "${slug}"`);
  if (problems.length > 0) return { ok: false, problems };
  const apiUrl = (env.GITHUB_API_URL ?? "").trim().replace(/\/+$/, "") || "https://api.github.com";
  return {
    ok: true,
    value: {
      eventName, eventPath, token, apiUrl,
      repo: { owner: m![1]!, repo: m![2]! },
      identity: { login: slug ? `${slug}[bot]` : WORKFLOW_BOT },
      runId: `${env.GITHUB_RUN_ID ?? "local"}.${env.GITHUB_RUN_ATTEMPT ?? "1"}`,
      logLevel: (env.LOG_LEVEL ?? readInput(env, "log-level")) || "info",
    },
  };
}
