import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import examples from "@octokit/webhooks-examples" with { type: "json" };
import nock from "nock";
import { hasMarker } from "../../src/core/markers.js";
import { createCoreProbot } from "../support/core-probot.js";

const API = "https://api.github.com";
const CONFIG = `/contents/${encodeURIComponent(".github/convener.yml")}`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** The real `issues.opened` example, labelled as a group request so a feature cares about it. */
function issueOpened(): { payload: any; base: string; number: number } {
  const entry = (examples as unknown as any[]).find((e) => e.name === "issues")!;
  const payload = structuredClone(entry.examples.find((e: any) => e.action === "opened"));
  payload.installation = { id: 1 };
  payload.issue.labels = [{ name: "group-request" }, { name: "interest-group" }];
  return { payload, base: `/repos/${payload.repository.owner.login}/${payload.repository.name}`, number: payload.issue.number };
}

/** A push to the default branch that edits `.github/convener.yml`, as GitHub sends it. */
function configPush(issuePayload: any): any {
  const repository = issuePayload.repository;
  return {
    ref: `refs/heads/${repository.default_branch}`, before: "1".repeat(40), after: "2".repeat(40), forced: false, deleted: false,
    commits: [{ id: "2".repeat(40), added: [], removed: [], modified: [".github/convener.yml"] }],
    repository, sender: issuePayload.sender, installation: issuePayload.installation,
  };
}

interface FakeComment {
  id: number;
  node_id?: string;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app: { id: number } | null;
}

/** Serves the config file and the issue's comments; the app's comment writes change the list. */
function nockIssue(base: string, number: number, configYaml: string, comments: FakeComment[]) {
  let nextId = 500;
  const writes: string[] = [];
  nock(API)
    .persist()
    .get(`${base}${CONFIG}`)
    .reply(200, configYaml, { "content-type": "text/plain; charset=utf-8" })
    .get(`${base}/issues/${number}/comments`)
    .query(true)
    .reply(() => [200, comments])
    .post("/graphql")
    .reply((_uri, body: any) => {
      if (!/^\s*mutation\b/.test(body.query)) return [200, answerGraphql(body.query, number)];
      // The app's writes: one GraphQL document, each field aliased m0, m1, … with its input in $m0, $m1, …
      const data: Record<string, unknown> = {};
      for (const [alias, input] of Object.entries<any>(body.variables)) {
        if (body.query.includes(`${alias}: addComment(`)) {
          writes.push("POST comment");
          const id = nextId++;
          comments.push({ id, node_id: `IC_${id}`, body: input.body, user: { login: "convener[bot]", type: "Bot" }, performed_via_github_app: { id: 42 } });
          data[alias] = { commentEdge: { node: { id: `IC_${id}`, databaseId: id, createdAt: new Date().toISOString() } } };
        } else if (body.query.includes(`${alias}: updateIssueComment(`)) {
          writes.push(`update ${input.id}`);
          data[alias] = { clientMutationId: null };
        } else {
          writes.push(`${alias}: ${body.query}`);
        }
      }
      return [200, { data }];
    })
    .delete(/.*/)
    .reply((uri) => {
      writes.push(`DELETE ${uri}`);
      return [204];
    });
  return writes;
}

/**
 * The app reports a config problem only where a feature would act under the defaults: intake asks
 * for the issue's state in one query. Any other feature's query gets an error (its gather is then
 * "not my concern"), so this test does not depend on what the other features read.
 */
function answerGraphql(query: string, number: number): unknown {
  if (!query.includes("query IntakeState")) return { data: null, errors: [{ message: "not served by this test" }] };
  return {
    data: {
      repository: {
        issue: {
          number, state: "OPEN", body: "", labels: { nodes: [{ name: "group-request" }, { name: "interest-group" }] },
          comments: { pageInfo: { hasNextPage: false }, nodes: [] },
        },
        requests: { nodes: [] },
      },
    },
  };
}

const BAD_CONFIG = "intake:\n  labels:\n    redy: group/ready\nroles:\n  moderators: alice\n";

describe("an invalid configuration on an issue event", () => {
  test("one comment (marker config-error) names each bad key; redeliveries write nothing", async () => {
    const { probot, logs, requests } = await createCoreProbot();
    const { payload, base, number } = issueOpened();
    const comments: FakeComment[] = [];
    const writes = nockIssue(base, number, BAD_CONFIG, comments);

    await probot.receive({ id: "d1", name: "issues", payload } as any);
    expect(writes).toEqual(["POST comment"]);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(hasMarker(body, "config-error")).toBe(true);
    expect(body).toContain("`intake.labels.redy`: unknown key");
    expect(body).toContain("`roles.moderators`: Invalid input: expected array, received string");
    expect(logs.some((l) => l.msg === "invalid .github/convener.yml; event skipped")).toBe(true);

    requests.splice(0);
    for (const id of ["d1", "d1", "d2"]) await probot.receive({ id, name: "issues", payload } as any);
    expect(writes).toEqual(["POST comment"]); // no edit, no second comment
    expect(comments).toHaveLength(1);
    expect(writes).toEqual(["POST comment"]); // reads only
  });

  test("a changed problem edits the same comment in place", async () => {
    const { probot } = await createCoreProbot();
    const { payload, base, number } = issueOpened();
    const comments: FakeComment[] = [];
    nockIssue(base, number, BAD_CONFIG, comments);
    await probot.receive({ id: "d1", name: "issues", payload } as any);
    nock.cleanAll();
    const writes = nockIssue(base, number, "dryRun: sometimes\n", comments);
    // The configuration is cached per repository: the push that changes it is how the app learns of it.
    await probot.receive({ id: "d-push", name: "push", payload: configPush(payload) } as any);
    await probot.receive({ id: "d2", name: "issues", payload } as any);
    expect(writes).toEqual([`update ${comments[0]!.node_id}`]);
  });

  test("a user's comment carrying a copy of the marker is neither edited nor trusted", async () => {
    const { probot } = await createCoreProbot();
    const { payload, base, number } = issueOpened();
    const fake: FakeComment = {
      id: 7, body: "<!-- convener:config-error -->\nfake", user: { login: "mallory", type: "User" }, performed_via_github_app: null,
    };
    const comments = [fake];
    const writes = nockIssue(base, number, BAD_CONFIG, comments);
    await probot.receive({ id: "d1", name: "issues", payload } as any);
    expect(writes).toEqual(["POST comment"]);
    expect(fake.body).toBe("<!-- convener:config-error -->\nfake");
  });

  test("a YAML syntax error is reported the same way, with the parser's reason", async () => {
    const { probot } = await createCoreProbot();
    const { payload, base, number } = issueOpened();
    const comments: FakeComment[] = [];
    nockIssue(base, number, "roles:\n  moderators: [alice\n", comments);
    await probot.receive({ id: "d1", name: "issues", payload } as any);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/`\(file\)`: line \d+ of .*convener.yml is not valid YAML: /);
  });

  test("in dry run (DRY_RUN=true) the problem is logged and nothing is written", async () => {
    const { probot, logs } = await createCoreProbot({ DRY_RUN: "true" });
    const { payload, base, number } = issueOpened();
    const comments: FakeComment[] = [];
    const writes = nockIssue(base, number, BAD_CONFIG, comments);
    await probot.receive({ id: "d1", name: "issues", payload } as any);
    expect(writes).toEqual([]);
    expect(logs.find((l) => l.msg === "invalid .github/convener.yml; event skipped")?.problems).toEqual([
      { key: "roles.moderators", message: expect.any(String) },
      { key: "intake.labels.redy", message: expect.stringContaining("unknown key") },
    ]);
  });
});
