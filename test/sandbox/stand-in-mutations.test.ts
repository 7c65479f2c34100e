import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { StandIn } from "../../sandbox/src/stand-in.js";

/** The stand-in's GraphQL mutations: the same state and webhooks as the REST routes, GitHub's errors. */
describe("the stand-in's GraphQL mutations", () => {
  let s: StandIn;
  let token = "";
  const api = async (path: string, init: RequestInit = {}) =>
    (await fetch(`${s.urls.api}${path}`, { ...init, headers: { authorization: `token ${token}`, "content-type": "application/json" } })).json() as Promise<any>;
  const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await fetch(`${s.urls.web}/api/graphql`, { method: "POST", headers: { authorization: `token ${token}` }, body: JSON.stringify({ query, variables }) })).json() as Promise<any>;
  const events = (from: number) => s.webhooks.deliveries.slice(from).map((d) => `${d.event}.${d.action}`);

  beforeAll(async () => {
    s = await StandIn.start({ webhookSecret: "x" });
    s.control.repo("acme/site", { "README.md": "hi" });
    s.control.seedIssue("acme/site", "alice", "First", "", ["bug"]);
    s.control.seedIssue("acme/site", "alice", "Second");
    token = "ghs_test";
    s.tokens.add(token);
  });
  afterAll(async () => s?.close());

  test("ids in GraphQL equal REST's node_id and resolve through node/nodes", async () => {
    const issue = await api("/repos/acme/site/issues/1");
    const repo = await api("/repos/acme/site");
    const labels = await api("/repos/acme/site/issues/1/labels");
    const answer = await graphql(`{ repository(owner: "acme", name: "site") { id issue(number: 1) { id labels(first: 5) { nodes { id } } } } }`);
    expect(answer.data.repository.id).toBe(repo.node_id);
    expect(answer.data.repository.issue.id).toBe(issue.node_id);
    expect(answer.data.repository.issue.labels.nodes[0].id).toBe(labels[0].node_id);
    const nodes = await graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Issue { number } ... on Label { name } } }`, { ids: [issue.node_id, labels[0].node_id, "bm9wZTox"] });
    expect(nodes.data.nodes).toEqual([{ id: issue.node_id, number: 1 }, { id: labels[0].node_id, name: "bug" }, null]);
    expect(nodes.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", path: ["nodes", 2] })]);
  });

  test("fields run in order, change the state and send the webhooks REST sends; a failing field is null with NOT_FOUND", async () => {
    const issue = await api("/repos/acme/site/issues/1");
    const bug = (await api("/repos/acme/site/labels/bug")).node_id;
    const created = await graphql(`mutation($repo: ID!) { createLabel(input: { repositoryId: $repo, name: "group/approved", color: "0e8a16" }) { label { id name } } }`, { repo: (await api("/repos/acme/site")).node_id });
    const approved = created.data.createLabel.label.id;
    const from = s.webhooks.deliveries.length;
    const before = s.requests.length;
    const answer = await graphql(`mutation($i: ID!, $add: [ID!]!, $remove: [ID!]!) {
      m0: addComment(input: { subjectId: $i, body: "hello" }) { commentEdge { node { id databaseId body } } }
      m1: addLabelsToLabelable(input: { labelableId: $i, labelIds: $add }) { clientMutationId }
      m2: removeLabelsFromLabelable(input: { labelableId: $i, labelIds: $remove }) { clientMutationId }
      m3: deleteIssueComment(input: { id: "SXNzdWVDb21tZW50Ojk5OTk5" }) { clientMutationId }
      m4: closeIssue(input: { issueId: $i, stateReason: NOT_PLANNED }) { issue { state stateReason } }
    }`, { i: issue.node_id, add: [approved], remove: [bug] });
    expect(answer.data.m0.commentEdge.node.body).toBe("hello");
    expect(answer.data.m3).toBeNull();
    expect(answer.data.m4.issue).toEqual({ state: "CLOSED", stateReason: "NOT_PLANNED" });
    expect(answer.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", path: ["m3"] })]);
    await s.settle(50);
    expect(events(from)).toEqual(["issue_comment.created", "issues.labeled", "issues.unlabeled", "issues.closed"]);
    expect(s.requests.slice(before).map((r) => r.write)).toEqual([true]);
    const after = await api("/repos/acme/site/issues/1");
    expect(after.labels.map((l: any) => l.name)).toEqual(["group/approved"]);
    expect(after.state_reason).toBe("not_planned");
    const comment = (await api("/repos/acme/site/issues/1/comments"))[0];
    expect(comment.node_id).toBe(answer.data.m0.commentEdge.node.id);

    const edits = await graphql(`mutation($c: ID!, $i: ID!) {
      m0: updateIssueComment(input: { id: $c, body: "edited" }) { issueComment { body } }
      m1: reopenIssue(input: { issueId: $i }) { issue { state } }
      m2: updateIssue(input: { id: $i, title: "Renamed" }) { issue { title } }
      m3: deleteIssueComment(input: { id: $c }) { clientMutationId }
    }`, { c: comment.node_id, i: issue.node_id });
    expect(edits.errors).toBeUndefined();
    await s.settle(50);
    expect(events(from).slice(4)).toEqual(["issue_comment.edited", "issues.reopened", "issues.edited", "issue_comment.deleted"]);
  });

  test("createIssue with labels, createLabel twice, check runs with annotations", async () => {
    const repo = (await api("/repos/acme/site")).node_id;
    const bug = (await api("/repos/acme/site/labels/bug")).node_id;
    const issue = await graphql(`mutation($r: ID!, $l: [ID!]) { createIssue(input: { repositoryId: $r, title: "New", body: "b", labelIds: $l }) { issue { number labels(first: 5) { nodes { name } } } } }`, { r: repo, l: [bug] });
    expect(issue.data.createIssue.issue.labels.nodes).toEqual([{ name: "bug" }]);
    const again = await graphql(`mutation($r: ID!) { createLabel(input: { repositoryId: $r, name: "BUG", color: "ffffff" }) { label { id } } }`, { r: repo });
    expect(again.errors[0]).toEqual(expect.objectContaining({ type: "UNPROCESSABLE", path: ["createLabel"] }));

    const sha = s.control.repoOf("acme/site").branches.get("main")!;
    const annotation = { path: "README.md", location: { startLine: 1, endLine: 1 }, annotationLevel: "WARNING", message: "m" };
    const run = await graphql(`mutation($r: ID!, $sha: GitObjectID!, $out: CheckRunOutput) {
      createCheckRun(input: { repositoryId: $r, name: "sep", headSha: $sha, status: IN_PROGRESS, externalId: "d1", output: $out }) { checkRun { id databaseId status } }
    }`, { r: repo, sha, out: { title: "t", summary: "s", annotations: [annotation] } });
    const { id, databaseId, status } = run.data.createCheckRun.checkRun;
    expect(status).toBe("IN_PROGRESS");
    const done = await graphql(`mutation($r: ID!, $id: ID!, $out: CheckRunOutput) {
      updateCheckRun(input: { repositoryId: $r, checkRunId: $id, status: COMPLETED, conclusion: FAILURE, completedAt: "2030-01-01T00:00:00Z", output: $out }) { checkRun { status conclusion } }
    }`, { r: repo, id, out: { title: "t", summary: "s", annotations: [annotation] } });
    expect(done.data.updateCheckRun.checkRun).toEqual({ status: "COMPLETED", conclusion: "FAILURE" });
    const rest = await api(`/repos/acme/site/check-runs/${databaseId}`);
    expect(rest).toEqual(expect.objectContaining({ node_id: id, external_id: "d1", conclusion: "failure", completed_at: "2030-01-01T00:00:00Z" }));
    expect(rest.output.annotations_count).toBe(2);
    const annotations = await api(`/repos/acme/site/check-runs/${databaseId}/annotations`);
    expect(annotations[0]).toEqual(expect.objectContaining({ path: "README.md", start_line: 1, annotation_level: "warning" }));
  });
});
