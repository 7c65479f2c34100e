import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { StandIn } from "../../sandbox/src/stand-in.js";

/** Discussions in the stand-in: GitHub's queries and mutations, validated against its schema. */
describe("the stand-in's discussions", () => {
  let s: StandIn;
  const token = "ghs_discussions";
  const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await fetch(`${s.urls.web}/api/graphql`, { method: "POST", headers: { authorization: `token ${token}` }, body: JSON.stringify({ query, variables }) })).json() as Promise<any>;

  beforeAll(async () => {
    s = await StandIn.start({ webhookSecret: "x" });
    s.control.repo("acme/site", { "README.md": "hi" });
    s.control.seedIssue("acme/site", "alice", "An issue");
    s.tokens.add(token);
  });
  afterAll(async () => s?.close());

  test("create, edit, comment, close and reopen; numbers shared with issues; listed newest first", async () => {
    const read = await graphql(`{ repository(owner: "acme", name: "site") { id hasDiscussionsEnabled discussionCategories(first: 10) { nodes { id name slug } } } }`);
    const { id: repositoryId, discussionCategories } = read.data.repository;
    const general = discussionCategories.nodes.find((c: { name: string }) => c.name === "General");
    expect(general.slug).toBe("general");
    const created = await graphql(`mutation($r: ID!, $c: ID!) { createDiscussion(input: { repositoryId: $r, categoryId: $c, title: "Notes", body: "Hello" }) { discussion { id number url category { name } } } }`, { r: repositoryId, c: general.id });
    const discussion = created.data.createDiscussion.discussion;
    expect(discussion).toMatchObject({ number: 2, url: `${s.urls.web}/acme/site/discussions/2`, category: { name: "General" } });
    const changed = await graphql(`mutation($d: ID!) {
      m0: updateDiscussion(input: { discussionId: $d, body: "Hello again" }) { discussion { body } }
      m1: addDiscussionComment(input: { discussionId: $d, body: "A comment" }) { comment { id } }
      m2: closeDiscussion(input: { discussionId: $d, reason: OUTDATED }) { discussion { closed stateReason } }
    }`, { d: discussion.id });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.m2.discussion).toEqual({ closed: true, stateReason: "OUTDATED" });
    const listed = await graphql(`{ repository(owner: "acme", name: "site") { discussions(first: 10, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { number body closed viewerDidAuthor comments(last: 5) { nodes { body } } } } } }`);
    expect(listed.data.repository.discussions.nodes).toEqual([{ number: 2, body: "Hello again", closed: true, viewerDidAuthor: true, comments: { nodes: [{ body: "A comment" }] } }]);
    const reopened = await graphql(`mutation($d: ID!) { reopenDiscussion(input: { discussionId: $d }) { discussion { closed stateReason } } }`, { d: discussion.id });
    expect(reopened.data.reopenDiscussion.discussion).toEqual({ closed: false, stateReason: "REOPENED" });
  });

  test("a category of another repository or an unknown id is NOT_FOUND; a field GitHub lacks is refused", async () => {
    s.control.repo("acme/other", {});
    const other = await graphql(`{ repository(owner: "acme", name: "other") { discussionCategories(first: 1) { nodes { id } } } }`);
    const site = await graphql(`{ repository(owner: "acme", name: "site") { id } }`);
    const answer = await graphql(`mutation($r: ID!, $c: ID!) { createDiscussion(input: { repositoryId: $r, categoryId: $c, title: "x", body: "y" }) { discussion { id } } }`,
      { r: site.data.repository.id, c: other.data.repository.discussionCategories.nodes[0].id });
    expect(answer.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND" })]);
    const invalid = await graphql(`{ repository(owner: "acme", name: "site") { discussions(first: 1) { nodes { state } } } }`);
    expect(invalid.errors[0].message).toContain('Cannot query field "state" on type "Discussion"');
  });
});
