import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { HANDLED_EVENTS, readActionEnv, SWEEP_EVENTS, webhookNameOf, WORKFLOW_BOT } from "../../src/action/action-env.js";
import { features } from "../../src/features/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const workflow = parse(readFileSync(join(ROOT, "docs", "examples", "convener-workflow.yml"), "utf8"));

/** Webhooks a server subscribes to that a workflow cannot (or need not) start on: only caches listen to them. */
const CACHE_ONLY = ["membership", "team", "organization", "repository", "label"];

/** `pull_request` is taken as `pull_request_target` (fork pull requests), every other name as is. */
const triggerOf = (event: string) => (event === "pull_request" ? "pull_request_target" : event);

describe("the documented workflow (docs/examples/convener-workflow.yml)", () => {
  test("starts on every event and activity type a feature handles, and the sweep's", () => {
    const on = workflow.on as Record<string, { types?: string[] } | null>;
    // A feature that only observes events keeps a server's cache (the governance page); a workflow run has none to keep.
    for (const feature of features.filter((f) => f.gather !== undefined)) {
      for (const entry of feature.on) {
        const [event, action] = entry.split(".") as [string, string | undefined];
        if (CACHE_ONLY.includes(event)) continue;
        const trigger = on[triggerOf(event)];
        expect({ feature: feature.name, entry, listed: trigger !== undefined }).toEqual({ feature: feature.name, entry, listed: true });
        const types = trigger?.types;
        // A whole event (`issues`) needs every activity type; `x.y` needs y among the types.
        if (types) expect({ entry, covered: action !== undefined && types.includes(action) }).toEqual({ entry, covered: true });
      }
    }
    expect(Object.keys(on)).toEqual(expect.arrayContaining([...SWEEP_EVENTS]));
    expect(on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \S+ \S+ \S+$/) }]);
  });

  test("starts on nothing the entry refuses", () => {
    for (const event of Object.keys(workflow.on)) {
      expect([...HANDLED_EVENTS, ...SWEEP_EVENTS]).toContain(event);
      const read = readActionEnv({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: "event.json", INPUT_TOKEN: "t", GITHUB_REPOSITORY: "o/r" });
      expect(read.ok).toBe(true);
    }
    expect(webhookNameOf("pull_request_target")).toBe("pull_request");
  });

  test("asks for the least permissions: write where a feature writes, contents read-only", () => {
    expect(workflow.permissions).toEqual({ issues: "write", "pull-requests": "write", checks: "write", contents: "read" });
  });

  test("queues runs per issue or pull request, never cancelling one", () => {
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
    expect(workflow.concurrency.group).toMatch(/github\.event\.issue\.number \|\| github\.event\.pull_request\.number/);
  });

  test("runs this action with a token", () => {
    const steps = workflow.jobs.convener.steps as { uses?: string; with?: Record<string, string> }[];
    const step = steps.find((s) => s.uses?.startsWith("convener-app/convener@"))!;
    expect(step.with?.token).toMatch(/GITHUB_TOKEN/);
  });
});

describe("the action's environment", () => {
  const base = { GITHUB_EVENT_NAME: "issues", GITHUB_EVENT_PATH: "e.json", GITHUB_REPOSITORY: "o/r", INPUT_TOKEN: "t" };

  test("the workflow token's bot unless an app slug is given", () => {
    const workflowToken = readActionEnv(base);
    const appToken = readActionEnv({ ...base, "INPUT_APP-SLUG": "our-convener" });
    expect(workflowToken.ok && workflowToken.value.identity).toEqual({ login: WORKFLOW_BOT });
    expect(appToken.ok && appToken.value.identity).toEqual({ login: "our-convener[bot]" });
    expect(workflowToken.ok && workflowToken.value.apiUrl).toBe("https://api.github.com");
  });

  test("says what is missing or wrong, in the workflow author's terms", () => {
    const read = readActionEnv({ GITHUB_EVENT_NAME: "release", GITHUB_REPOSITORY: "nope", "INPUT_APP-SLUG": "bad slug!" });
    expect(read.ok ? [] : read.problems).toEqual([
      "Convener does not handle the release event: remove it from the workflow's on: (see docs/action.md)",
      "GITHUB_EVENT_PATH is not set: run Convener as a step of a GitHub Actions workflow",
      "no token: pass `token: ${{ secrets.GITHUB_TOKEN }}` or an app token (see docs/action.md)",
      'GITHUB_REPOSITORY must be owner/name, not "nope"',
      'the app-slug input must be a GitHub App\'s slug (e.g. convener), not "bad slug!"',
    ]);
  });
});
