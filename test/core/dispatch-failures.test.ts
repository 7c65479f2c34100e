import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { DeliveryFailedError } from "../../src/core/delivery-failed.js";
import { registerFeatures } from "../../src/core/dispatch.js";
import { defineFeature } from "../../src/core/feature.js";
import { API } from "../support/github-nock.js";
import { examplePayload } from "../support/webhooks.js";

describe("a delivery whose feature fails is answered as failed, after every feature ran", () => {
  const ran: string[] = [];
  const broken = defineFeature({
    name: "broken", on: ["issues"],
    gather: async () => { ran.push("broken"); throw Object.assign(new Error("GitHub said 403"), { status: 403 }); },
    decide: () => [],
  });
  const working = defineFeature({ name: "working", on: ["issues"], gather: async () => (ran.push("working"), null), decide: () => [] });
  const stale = defineFeature({
    name: "stale", on: ["issue_comment"],
    gather: async () => { throw Object.assign(new Error("Not Found"), { status: 404 }); },
    decide: () => [],
  });
  let probot: Probot;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock(API).persist().get(/\/contents\//).reply(404, { message: "Not Found" });
    const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
    probot = new Probot({ githubToken: "test", Octokit: Octokit as typeof ProbotOctokit, logLevel: "fatal" as any });
    await probot.load((app) => registerFeatures(app, [broken, working, stale], { identity: { login: "convener[bot]" }, dryRun: false }));
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("the other features run, then the delivery throws a 500 (not GitHub's 403) naming the failure", async () => {
    const payload = examplePayload("issues", "opened");
    const failure = await probot.receive({ id: "d1", name: "issues", payload } as any).then(() => null, (e: unknown) => e as AggregateError);
    expect(ran).toEqual(["broken", "working"]);
    // @octokit/webhooks answers with the `status` of the first error it holds.
    const first = [...failure!.errors][0];
    expect(first).toBeInstanceOf(DeliveryFailedError);
    expect((first as DeliveryFailedError).status).toBe(500);
    expect((first as DeliveryFailedError).message).toContain("GitHub said 403");
  });

  test("a read that GitHub answers with 404 (a damaged or stale payload) is logged, and the delivery answered normally", async () => {
    const payload = examplePayload("issue_comment", "created");
    await expect(probot.receive({ id: "d2", name: "issue_comment", payload } as any)).resolves.toBeUndefined();
  });
});
