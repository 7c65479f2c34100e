import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { registerFeatures } from "../../src/core/dispatch.js";
import { defineFeature } from "../../src/core/feature.js";

describe("cache keepers observe events through the dispatcher", () => {
  const seen: string[] = [];
  const gathered: string[] = [];
  const keeper = defineFeature<never>({ name: "keeper", on: ["issues.opened"], observe: (event, payload) => void seen.push(`${event}:${payload.sender.login}`) });
  const writer = defineFeature<null>({
    name: "writer", on: ["issues.opened"],
    gather: async (ctx) => (gathered.push(ctx.event), null),
    decide: () => [],
  });
  let probot: Probot;
  const requests: string[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    const Recording = ProbotOctokit.plugin((octokit: any) => {
      octokit.hook.before("request", (o: { method: string; url: string }) => void requests.push(`${o.method} ${o.url}`));
    }).defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
    probot = new Probot({ githubToken: "test", Octokit: Recording as typeof ProbotOctokit, logLevel: "fatal" as any });
    await probot.load((app) => registerFeatures(app, [keeper, writer], { identity: { login: "convener[bot]" }, dryRun: false }));
  });
  afterAll(() => nock.enableNetConnect());

  const opened = (login: string, type: string) => ({
    id: login, name: "issues",
    payload: { action: "opened", sender: { login, type }, issue: { number: 1 }, repository: { name: "r", owner: { login: "o" } } },
  });

  test("the app's own event is observed (its new issue changes a cache) but reaches no gather and costs no request", async () => {
    await probot.receive(opened("convener[bot]", "Bot") as any);
    expect(seen).toEqual(["issues.opened:convener[bot]"]);
    expect(gathered).toEqual([]);
    expect(requests).toEqual([]);
  });

  test("a feature without gather is never asked to gather", async () => {
    const only = new Probot({ githubToken: "test", logLevel: "fatal" as any });
    await only.load((app) => registerFeatures(app, [keeper], { identity: {}, dryRun: false }));
    await only.receive(opened("alice", "User") as any);
    expect(seen).toContain("issues.opened:alice");
  });
});
