import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { applyPlan } from "../../src/core/apply-plan.js";
import { renderDuplicateNotice } from "../../src/core/create-issue.js";
import { awaitLabelCreations, startCreatingLabels } from "../../src/core/early-labels.js";
import { forgetAllLabelIds, knownLabelId, rememberLabelIds } from "../../src/core/label-ids.js";
import { renderMarker } from "../../src/core/markers.js";
import type { Action } from "../../src/core/plan.js";
import { forgetAllWriteIds } from "../../src/core/write-ids.js";
import type { Issue } from "../../sandbox/src/state.js";
import { StandIn } from "../../sandbox/src/stand-in.js";

/**
 * The writes that take one round trip fewer: an issue created by `createIssue` inside the mutation
 * document (its answer carries the de-dupe's read), and a label created beside the gather's read.
 */
const TOKEN = "apply-plan-create-token";
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const repo = { owner: "o", repo: "r" };
let s: StandIn;
let identity: { appId: number; login: string };

beforeAll(async () => {
  s = await StandIn.start({ webhookSecret: "x" });
  s.tokens.add(TOKEN);
  identity = { appId: s.state.app.id, login: s.state.app.botLogin };
});
afterAll(async () => s?.close());
beforeEach(() => {
  s.state.repos.clear();
  s.control.repo("o/r", {});
  s.control.seedIssue("o/r", "alice", "An issue", "", []);
  s.faults.clear();
  forgetAllLabelIds();
  forgetAllWriteIds();
});

function octokit() {
  const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  return new Octokit({ auth: { token: TOKEN }, baseUrl: s.urls.api }) as any;
}

const get = async (path: string) => (await fetch(`${s.urls.api}${path}`, { headers: { authorization: `token ${TOKEN}` } })).json() as Promise<any>;
const makeLabel = async (name: string) =>
  (await (await fetch(`${s.urls.api}/repos/o/r/labels`, { method: "POST", headers: { authorization: `token ${TOKEN}` }, body: JSON.stringify({ name }) })).json() as any);

async function apply(actions: Action[], payload?: unknown) {
  const from = s.requests.length;
  await applyPlan(octokit(), actions, { dryRun: false, log: silent, identity, ...(payload ? { payload } : {}) });
  const requests = s.requestsSince(from).map((r) => `${r.method} ${r.path}${r.operation ? ` ${r.operation}` : ""}`);
  return { requests, writes: s.requestsSince(from).filter((r) => r.write).length };
}

const issue = (n: number): Issue => s.control.issueOf("o/r", n);

describe("applyPlan: an issue its gather checked is created inside the mutation document", () => {
  const marker = "meeting:auth-ig:2026-01-05";
  const create = (comments?: string[]): Action => ({
    kind: "issue.create", target: repo, title: "[notes] auth-ig 2026-01-05", body: `${renderMarker(marker)}\nagenda`,
    labels: ["notes", "auth-ig"], marker, checkedByGather: true, reason: "r", ...(comments ? { comments } : {}),
  });
  const knowLabels = async () => rememberLabelIds(repo, [await makeLabel("notes"), await makeLabel("auth-ig")]);
  const openAsApp = (body: string) => s.changes.openIssue(s.control.repoOf("o/r"), identity.login, { title: "t", body, labels: ["notes", "auth-ig"] });

  test("labels and repository known: one request, one write; the issue carries title, body and labels", async () => {
    await knowLabels();
    const { requests, writes } = await apply([create()], { repository: await get("/repos/o/r") });
    expect(requests).toEqual(["POST /graphql ConvenerWrites"]);
    expect(writes).toBe(1);
    expect([issue(2).title, issue(2).labels, issue(2).user]).toEqual(["[notes] auth-ig 2026-01-05", ["notes", "auth-ig"], identity.login]);
    expect(issue(2).body).toContain("agenda");
  });

  test("the comments go on the new issue once the de-dupe found no older copy (a user's copy of the marker does not count)", async () => {
    await knowLabels();
    s.changes.openIssue(s.control.repoOf("o/r"), "mallory", { title: "t", body: renderMarker(marker), labels: ["notes", "auth-ig"] });
    const { requests } = await apply([create(["@lead please look"])], { repository: await get("/repos/o/r") });
    expect(requests).toEqual(["POST /graphql ConvenerWrites", "POST /repos/o/r/issues/3/comments"]);
    expect(issue(3).comments.map((c) => c.body)).toEqual(["@lead please look"]);
  });

  test("a racing run's older copy, read back by the create: the new issue is closed with a link and posts no comment", async () => {
    await knowLabels();
    openAsApp(`${renderMarker(marker)}\nagenda`); // #2: opened by the racing run after this run's gather looked
    const { requests } = await apply([create(["@lead please look"])], { repository: await get("/repos/o/r") });
    expect(requests).toEqual(["POST /graphql ConvenerWrites", "POST /repos/o/r/issues/3/comments", "PATCH /repos/o/r/issues/3"]);
    expect([issue(2).state, issue(3).state, issue(3).state_reason]).toEqual(["open", "closed", "not_planned"]);
    expect(issue(2).comments).toEqual([]);
    expect(issue(3).comments.map((c) => c.body)).toEqual([renderDuplicateNotice(2)]);
  });

  test("a label the repository lacks: created over REST, which makes the label on the way (one write, then the de-dupe's read)", async () => {
    rememberLabelIds(repo, [await makeLabel("notes")]);
    const { requests, writes } = await apply([create()], { repository: await get("/repos/o/r") });
    expect(requests).toEqual(["POST /graphql ConvenerWriteIds", "POST /repos/o/r/issues", "GET /repos/o/r/issues"]);
    expect(writes).toBe(1);
    expect(issue(2).labels).toEqual(["notes", "auth-ig"]);
  });

  test("an issue whose gather did not look keeps REST's re-check before the create", async () => {
    await knowLabels();
    const { checkedByGather: _, ...unchecked } = create() as Extract<Action, { kind: "issue.create" }>;
    const { requests } = await apply([unchecked], { repository: await get("/repos/o/r") });
    expect(requests).toEqual(["GET /repos/o/r/issues", "POST /repos/o/r/issues", "GET /repos/o/r/issues"]);
  });
});

describe("a label created beside the gather's read (early-labels.ts)", () => {
  const target = { ...repo, issue: 1 };

  test("the plan's write waits for it and needs no lookup: the create and the document, two writes one after the other", async () => {
    const payload = { repository: await get("/repos/o/r"), issue: await get("/repos/o/r/issues/1") };
    const from = s.requests.length;
    startCreatingLabels(octokit(), repo, payload.repository.node_id, ["tag:auth-ig"], silent);
    await apply([{ kind: "labels.add", target, labels: ["tag:auth-ig"], reason: "r" }], payload);
    const sent = s.requestsSince(from);
    expect(sent.map((r) => r.operation)).toEqual(["ConvenerLabels", "ConvenerWrites"]);
    expect(sent.every((r) => r.write)).toBe(true);
    expect(sent[1]!.at).toBeGreaterThanOrEqual(sent[0]!.endAt);
    expect(issue(1).labels).toEqual(["tag:auth-ig"]);
  });

  test("a label that exists already: the create is refused, never thrown, and the id is looked up as before", async () => {
    await makeLabel("tag:auth-ig");
    const payload = { repository: await get("/repos/o/r"), issue: await get("/repos/o/r/issues/1") };
    startCreatingLabels(octokit(), repo, payload.repository.node_id, ["tag:auth-ig"], silent);
    await awaitLabelCreations(repo, ["tag:auth-ig"]);
    expect(knownLabelId(repo, "tag:auth-ig")).toBeUndefined();
    const { requests } = await apply([{ kind: "labels.add", target, labels: ["tag:auth-ig"], reason: "r" }], payload);
    expect(requests).toEqual(["POST /graphql ConvenerWriteIds", "POST /graphql ConvenerWrites"]);
    expect(issue(1).labels).toEqual(["tag:auth-ig"]);
  });

  test("a label whose id is known, or no repository id: nothing is sent", async () => {
    rememberLabelIds(repo, [await makeLabel("tag:auth-ig")]);
    const from = s.requests.length;
    startCreatingLabels(octokit(), repo, "R_x", ["tag:auth-ig"], silent);
    startCreatingLabels(octokit(), repo, undefined, ["tag:other-ig"], silent);
    await awaitLabelCreations(repo, ["tag:auth-ig", "tag:other-ig"]);
    expect(s.requestsSince(from)).toEqual([]);
  });
});
