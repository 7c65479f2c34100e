import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { isDefaultBranchPush } from "../../src/core/events.js";
import { createTestProbot, type TestProbot } from "../support/probot.js";
import { examplePayload } from "../support/webhooks.js";

describe("events no feature can want cost no request", () => {
  let app: TestProbot;
  beforeAll(async () => {
    nock.disableNetConnect();
    app = await createTestProbot();
  });
  afterAll(() => nock.enableNetConnect());

  test("a push to a branch other than the default is dropped before the config is read", async () => {
    const payload = examplePayload("push");
    Object.assign(payload, { ref: "refs/heads/feature-x", after: "a".repeat(40), deleted: false });
    payload.repository.default_branch = "main";
    expect(isDefaultBranchPush(payload)).toBe(false);
    await app.probot.receive({ id: "p1", name: "push", payload } as any);
    expect(app.requests).toEqual([]);
  });

  test.each([
    ["a tag push", { ref: "refs/tags/v1", after: "b".repeat(40) }, false],
    ["a deleted default branch", { ref: "refs/heads/main", after: "0".repeat(40), deleted: true }, false],
    ["a push to the default branch", { ref: "refs/heads/main", after: "c".repeat(40), deleted: false }, true],
  ])("%s: isDefaultBranchPush is %p", (_name, fields, expected) => {
    expect(isDefaultBranchPush({ repository: { default_branch: "main" }, ...fields })).toBe(expected);
  });
});
