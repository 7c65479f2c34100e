import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { applyPlan } from "../../src/core/apply-plan.js";
import { registerFeatures } from "../../src/core/dispatch.js";
import { defineFeature } from "../../src/core/feature.js";
import { API, createTestOctokit } from "../support/core-octokit.js";
import { nockConfig } from "../support/github-nock.js";
import { examplePayload } from "../support/webhooks.js";

/** A date no test machine has: anything read from the real clock instead would show. */
const NOW = new Date("2031-02-03T04:05:06Z");
const identity = { appId: 42, login: "convener[bot]" };
const silent = { info() {}, warn() {}, error() {}, debug() {} };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("one clock", () => {
  test("the dispatcher gives gather and decide the injected clock's now", async () => {
    const seen: Date[] = [];
    const probe = defineFeature({
      name: "probe",
      on: ["issues.opened"],
      gather: async (ctx) => (seen.push(ctx.now), {}),
      decide: (_input, _config, now) => (seen.push(now), []),
    });
    const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
    const probot = new Probot({ githubToken: "test", Octokit: Octokit as typeof ProbotOctokit, logLevel: "fatal" as any });
    await probot.load((app) => registerFeatures(app, [probe], { identity, dryRun: false, clock: () => NOW }));
    const payload = examplePayload("issues", "opened");
    nockConfig(payload.repository.owner.login, payload.repository.name, "");
    await probot.receive({ id: "d1", name: "issues", payload } as any);
    expect(seen).toEqual([NOW, NOW]);
  });

  test("a check run's completed_at is decide's now (the injected clock's), not the machine's", async () => {
    const bodies: any[] = [];
    // The check run goes out as a GraphQL createCheckRun (its input is the document's variable m0).
    nock(API).post("/graphql", (b) => (bodies.push(b.variables.m0), true)).reply(200, { data: { m0: { checkRun: { id: "CR_1" } } } });
    const { octokit } = createTestOctokit();
    const check = { kind: "check.create" as const, target: { owner: "o", repo: "r", nodeId: "R_1" }, name: "SEP metadata", headSha: "abc", conclusion: "success" as const, title: "t", summary: "s", annotations: [], completedAt: NOW.toISOString(), reason: "r" };
    await applyPlan(octokit, [check], { dryRun: false, log: silent, identity });
    expect(bodies[0].completedAt).toBe("2031-02-03T04:05:06.000Z");
  });
});
