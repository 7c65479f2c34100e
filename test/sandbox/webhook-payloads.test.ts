import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Ajv } from "ajv";
import schema from "@octokit/webhooks-schemas" with { type: "json" };
import { StandIn } from "../../sandbox/src/stand-in.js";

/** Every kind of delivery the stand-in sends, checked against GitHub's published webhook schemas. */
describe("stand-in webhook payloads", () => {
  let s: StandIn;
  const validate = (() => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
    ajv.addSchema(schema as object, "webhooks");
    return (event: string, action: string | undefined) => {
      const name = action ? `${event}$${action}` : `${event}$event`;
      const fn = ajv.getSchema(`webhooks#/definitions/${name}`);
      if (!fn) throw new Error(`no schema ${name}`);
      return fn;
    };
  })();

  beforeAll(async () => {
    s = await StandIn.start({ webhookSecret: "secret" });
    s.control.repo("acme/community", { "README.md": "# hi\n", "docs/a.md": "a" });
    const alice = s.control.as("alice", "acme/community");
    const issue = alice.openIssue("Request", "### Group name\n\nAuth", ["group-request", "interest-group"]);
    alice.editIssue(issue.number, { body: "edited", title: "Request (edited)" });
    alice.unlabel(issue.number, "interest-group");
    const comment = alice.comment(issue.number, "/vote");
    alice.editComment(comment, "/vote yes");
    s.changes.addComment(s.control.repoOf("acme/community"), issue, s.state.app.botLogin, "by the app", true);
    alice.close(issue.number);
    alice.reopen(issue.number);
    const found = s.state.findComment(s.control.repoOf("acme/community"), comment)!;
    s.changes.deleteComment(s.control.repoOf("acme/community"), found.issue, found.comment, "alice");
    alice.push({ "meetings/auth-ig/2026-12-01.md": "# Agenda\n", "docs/a.md": null });
    const pr = alice.openPullRequest("SEP-0000: Thing", "A SEP", { "seps/0000-thing.md": "# SEP-0000: Thing\n" });
    alice.label(pr.number, "SEP");
    alice.updatePullRequest(pr.number, { "seps/0000-thing.md": "# SEP-0000: Thing v2\n" });
    alice.close(pr.number);
  });
  afterAll(async () => s?.close());

  test("issues, issue_comment, push and pull_request deliveries validate against @octokit/webhooks-schemas", () => {
    const kinds = new Set(s.webhooks.deliveries.map((d) => `${d.event}.${d.action ?? ""}`));
    expect(kinds).toEqual(
      new Set([
        "issues.opened", "issues.labeled", "issues.edited", "issues.unlabeled", "issues.closed", "issues.reopened",
        "issue_comment.created", "issue_comment.edited", "issue_comment.deleted", "push.", "pull_request.opened",
        "pull_request.labeled", "pull_request.synchronize", "pull_request.closed",
      ]),
    );
    const problems = s.webhooks.deliveries.flatMap((d) => {
      const check = validate(d.event, d.action);
      return check(JSON.parse(d.body)) ? [] : [`${d.event}.${d.action}: ${JSON.stringify(check.errors?.slice(0, 5))}`];
    });
    expect(problems).toEqual([]);
    // The check has teeth: a field GitHub never sends, or a missing one, fails it.
    const opened = JSON.parse(s.webhooks.deliveries[0]!.body);
    expect(validate("issues", "opened")({ ...opened, extra: 1 })).toBe(false);
    expect(validate("issues", "opened")({ ...opened, issue: { ...opened.issue, user: undefined } })).toBe(false);
  });

  test("every delivery carries the installation, the repository and the sender; the app's writes come from its bot", () => {
    for (const d of s.webhooks.deliveries) {
      const payload = JSON.parse(d.body);
      expect(payload.installation).toEqual({ id: 1, node_id: expect.any(String) });
      expect(payload.repository.full_name).toBe("acme/community");
      expect(typeof payload.sender.login).toBe("string");
    }
    const byApp = s.webhooks.deliveries.map((d) => JSON.parse(d.body)).filter((p) => p.comment?.body === "by the app");
    expect(byApp).toHaveLength(1);
    expect(byApp[0].sender).toMatchObject({ login: "convener[bot]", type: "Bot" });
    expect(byApp[0].comment.performed_via_github_app).toMatchObject({ slug: "convener" });
  });
});
