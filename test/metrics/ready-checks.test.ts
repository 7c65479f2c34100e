import { describe, expect, test } from "@jest/globals";
import { classifyRequest, labelOfEvent } from "../../src/metrics/record.js";

describe("the delivery's event label", () => {
  test("GitHub's names pass; anything else is `other`, so a hostile action cannot make new series", () => {
    expect(labelOfEvent("issues", "opened")).toBe("issues.opened");
    expect(labelOfEvent("push", undefined)).toBe("push");
    expect(labelOfEvent("issues", "x".repeat(500))).toBe("issues.other");
    expect(labelOfEvent("issues", 'opened"} 1\nfake_metric{a="')).toBe("issues.other");
    expect(labelOfEvent("issues", 42)).toBe("issues.other");
  });
});

describe("GitHub requests by kind", () => {
  test("REST reads and writes, GraphQL queries and mutations", () => {
    expect(classifyRequest({ method: "GET", url: "/repos/{owner}/{repo}" })).toBe("rest_read");
    expect(classifyRequest({ method: "PATCH", url: "/repos/{owner}/{repo}/issues/1" })).toBe("rest_write");
    expect(classifyRequest({ method: "POST", url: "/graphql", query: "query { viewer { login } }" })).toBe("graphql_query");
    expect(classifyRequest({ method: "POST", url: "/graphql", query: "mutation M { addComment(input: {}) { clientMutationId } }" })).toBe("graphql_mutation");
  });
});

describe("GET /ready", () => {
  /** Calls the route with a bare request and a response that records what was written. */
  async function ask(checks: import("../../src/http/ready-route.js").ReadinessChecks, url = "/ready") {
    const { createReadyRoute } = await import("../../src/http/ready-route.js");
    const handler = createReadyRoute(() => checks)({} as never, () => new Date(0));
    const sent: { status?: number; body?: string } = {};
    const res = { writeHead: (status: number) => ((sent.status = status), res), end: (body?: string) => void (sent.body = body) };
    const handled = await handler({ method: "GET", url } as never, res as never);
    return { handled, status: sent.status, body: sent.body ? JSON.parse(sent.body) : undefined };
  }

  test("200 when every dependency answers; 503 naming the one that did not, without its details", async () => {
    expect(await ask({ github: async () => undefined })).toEqual({ handled: true, status: 200, body: { ready: true, checks: { github: { ok: true } } } });
    const down = await ask({
      github: async () => undefined,
      redis: async () => {
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), {});
      },
    });
    expect(down).toEqual({ handled: true, status: 503, body: { ready: false, checks: { github: { ok: true }, redis: { ok: false, error: "connect ECONNREFUSED 127.0.0.1:6379" } } } });
    const unauthorised = await ask({ github: async () => Promise.reject(Object.assign(new Error("Bad credentials"), { status: 401 })) });
    expect(unauthorised.body.checks.github).toEqual({ ok: false, error: "HTTP 401: Bad credentials" });
  });

  test("other paths are left to other routes", async () => {
    expect((await ask({ github: async () => undefined }, "/ready-or-not")).handled).toBe(false);
  });
});
