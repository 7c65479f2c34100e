import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware } from "probot";
import convener from "../../src/index.js";
import type { TestProbot } from "../support/probot.js";
import { examplePayload } from "../support/webhooks.js";
import { FakeRepo, startIntakeScenario, stopScenario, validIgBody } from "./fake-repo.js";

const SECRET = "test-webhook-secret";

describe("webhooks over HTTP to the app's real endpoint", () => {
  let app: TestProbot;
  let server: Server;
  let url: string;
  let repo: FakeRepo;

  beforeAll(async () => {
    ({ app, repo } = await startIntakeScenario({ secret: SECRET, load: false }));
    const middleware = await createNodeMiddleware(convener, { probot: app.probot });
    server = createServer((req, res) => void middleware(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    stopScenario();
  });

  function post(body: string, signature?: string, delivery = "http-1") {
    return fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": delivery,
        ...(signature ? { "x-hub-signature-256": signature } : {}),
      },
      body,
    });
  }

  const sign = (body: string, secret = SECRET) => "sha256=" + createHmac("sha256", secret).update(body).digest("hex");

  function openedPayload(number: number): string {
    repo.addIssue({ number, body: validIgBody(), labels: ["group-request", "interest-group"] });
    const payload = examplePayload("issues", "opened");
    Object.assign(payload.issue, { number, body: validIgBody(), labels: [{ name: "group-request" }, { name: "interest-group" }] });
    return JSON.stringify(payload);
  }

  test("a signed webhook is handled: the request gets its comment and label", async () => {
    const body = openedPayload(21);
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    expect(repo.appComments(21)).toHaveLength(1);
    expect(repo.issues.get(21)!.labels).toContain("group/ready");
  });

  test("an unsigned webhook gets 400 and has no effect", async () => {
    const body = openedPayload(22);
    const res = await post(body, undefined, "http-2");
    expect(res.status).toBe(400);
    expect(repo.appComments(22)).toHaveLength(0);
  });

  test("a webhook signed with the wrong secret gets 400 and has no effect", async () => {
    const body = openedPayload(23);
    const res = await post(body, sign(body, "not-the-secret"), "http-3");
    expect(res.status).toBe(400);
    expect(repo.appComments(23)).toHaveLength(0);
    expect(repo.issues.get(23)!.labels).not.toContain("group/ready");
  });
});
