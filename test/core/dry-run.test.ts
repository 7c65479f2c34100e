import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import examples from "@octokit/webhooks-examples" with { type: "json" };
import nock from "nock";
import { createCoreProbot } from "../support/core-probot.js";

/**
 * Dry run end to end: the real app, a real `issues.opened` payload for an Interest Group request
 * (intake plans a comment and a label), and a GitHub behind nock that answers reads only. Every
 * write method has a trap: any request that reaches one fails the test.
 */
const API = "https://api.github.com";
const CONFIG = `/contents/${encodeURIComponent(".github/convener.yml")}`;
const WRITE_METHODS = ["POST", "PATCH", "PUT", "DELETE"] as const;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function requestPayload(): any {
  const entry = (examples as unknown as any[]).find((e) => e.name === "issues")!;
  const payload = structuredClone(entry.examples.find((e: any) => e.action === "opened"));
  payload.installation = { id: 1 };
  payload.issue.body = "";
  payload.issue.labels = [{ name: "group-request" }, { name: "interest-group" }];
  return payload;
}

/** Reads are answered; GraphQL mutations and every other non-GET land in `violations`. */
function nockReadOnlyGitHub(payload: any, configYaml: string | null) {
  const base = `/repos/${payload.repository.owner.login}/${payload.repository.name}`;
  const violations: string[] = [];
  const reads: string[] = [];
  const scope = nock(API).persist();
  scope.get(`${base}${CONFIG}`).reply(() => (reads.push("config"), configYaml === null ? [404, {}] : [200, configYaml, { "content-type": "text/plain; charset=utf-8" }]));
  scope.get(/.*/).reply((uri) => (reads.push(`GET ${uri}`), [404, { message: "Not Found" }]));
  scope.post("/graphql").reply((_uri, body: any) => {
    if (/\bmutation\b/.test(body.query)) {
      violations.push(`GraphQL mutation: ${body.query.slice(0, 60)}`);
      return [599, { message: "write in dry run" }];
    }
    reads.push("POST /graphql");
    // applyPlan's id lookup (a read): answered, so that a write past dry run reaches the trap.
    if (body.query.includes("query ConvenerWriteIds")) {
      const labels = Object.fromEntries([...body.query.matchAll(/(convenerLabel_[0-9a-f]+): label\(name: ("[^"]*")\)/g)].map(([, alias, name]) => [alias, { id: `L_${alias}`, name: JSON.parse(name!) }]));
      return [200, { data: { r0: { id: "R_1", [`i${payload.issue.number}`]: { id: "I_1" }, ...labels } } }];
    }
    if (!body.query.includes("query IntakeState")) return [200, { data: null, errors: [{ message: "not served by this test" }] }];
    return [200, { data: { repository: {
      issue: { state: "OPEN", body: payload.issue.body, labels: { nodes: payload.issue.labels }, comments: { pageInfo: { hasNextPage: false }, nodes: [] } },
      requests: { nodes: [] },
    } } }];
  });
  // The traps: never persisted, so an untouched trap stays in nock.pendingMocks().
  const traps = WRITE_METHODS.map((method) =>
    nock(API)
      .intercept(method === "POST" ? /^\/(?!graphql$).*/ : /.*/, method)
      .reply((uri) => (violations.push(`${method} ${uri}`), [599, { message: "write in dry run" }])),
  );
  return { violations, reads, traps };
}

const planLines = (logs: { msg: string; plan?: unknown }[]) => logs.filter((l) => /^dry run: \d+ action\(s\) planned/.test(l.msg));

describe("dry run writes nothing and logs the plan", () => {
  test.each([
    ["DRY_RUN=true in the environment", { DRY_RUN: "true" }, null],
    ["dryRun: true in .github/convener.yml", {}, "dryRun: true\n"],
  ])("%s", async (_how, env, config) => {
    const { probot, logs, requests } = await createCoreProbot(env);
    const payload = requestPayload();
    const github = nockReadOnlyGitHub(payload, config);

    await probot.receive({ id: "dry-1", name: "issues", payload } as any);

    expect(github.violations).toEqual([]);
    expect(github.traps.every((t) => !t.isDone())).toBe(true);
    expect(nock.pendingMocks().filter((m) => /^(POST|PATCH|PUT|DELETE) /.test(m))).toHaveLength(WRITE_METHODS.length);
    expect(requests.filter((r) => r !== "POST /graphql" && !r.startsWith("GET "))).toEqual([]);
    expect(github.reads).toContain("POST /graphql"); // the feature did run and read

    const planned = planLines(logs);
    expect(planned).toHaveLength(1);
    expect(planned[0]!.msg).toMatch(/^dry run: 2 action\(s\) planned, none applied$/);
    const n = payload.issue.number;
    expect(planned[0]!.plan).toEqual([
      expect.stringMatching(new RegExp(`^comment\\.create .+#${n}: post comment — `)),
      expect.stringMatching(new RegExp(`^labels\\.add .+#${n}: add labels group/needs-changes — `)),
    ]);
  });

  test("control: without dry run the same event does write (so the traps above can catch writes)", async () => {
    const { probot, logs } = await createCoreProbot();
    const payload = requestPayload();
    const github = nockReadOnlyGitHub(payload, null);
    // The trap refuses the write, so the delivery fails (a 500 over HTTP), as a failed write should.
    await expect(probot.receive({ id: "wet-1", name: "issues", payload } as any)).rejects.toThrow(/write in dry run/);
    expect(github.violations.length).toBeGreaterThan(0);
    // The comment and the labels go out as one GraphQL mutation document.
    expect(github.violations[0]).toMatch(/^GraphQL mutation: mutation ConvenerWrites/);
    expect(planLines(logs)).toEqual([]);
  });
});
