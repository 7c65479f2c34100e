import { afterEach, describe, expect, test } from "@jest/globals";
import { deliveriesOf, graphqlOperations } from "../support/community-repo.js";
import { requestsDuring } from "../support/delivery-requests.js";
import { validIgBody, validWgBody } from "../support/intake-bodies.js";
import { IG_LABELS, REPO, REQUESTER, startIntakeWorld, USERS, WG_LABELS, type IntakeWorld } from "../support/intake-stand-in.js";
import { holdDeliveries } from "../support/delivery-requests.js";
import { knownLabelId } from "../../src/core/label-ids.js";

const writesOf = (records: { write: boolean; method: string }[]) => records.filter((r) => r.write).map((r) => r.method);

describe("group intake, the app in process against the stand-in", () => {
  let w: IntakeWorld;
  const start = (users = USERS) => startIntakeWorld({ config: "intake:\n  checkUsers: true\n", users }).then((world) => (w = world));
  afterEach(async () => w?.stop());

  /** The delivery of `issues.<action>` about issue `number` (the latest one). */
  const deliveryOf = (action: string, number: number) =>
    deliveriesOf(w.standIn, "issues", action).filter((d) => JSON.parse(d.body).issue.number === number).at(-1)!;

  test("a valid IG request gets one 'ready' comment and group/ready", async () => {
    await start();
    const issue = await w.open(validIgBody(), IG_LABELS);
    const comments = w.appComments(issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("ready for moderator review");
    expect(comments[0]!.body).toContain('<!-- convener:intake {"claim":"tool-annotations-ig"} -->');
    expect(w.labels(issue.number)).toEqual(["group-request", "interest-group", "group/ready", "tag:tool-annotations-ig"]);
  });

  test("an invalid WG request gets one comment naming each bad field and group/needs-changes", async () => {
    await start(["alice", "carol"]); // bob has no account
    const issue = await w.open(
      validWgBody({ tag: "Agents_WG", facilitators: "@ghost-user\n@my-org/team", maintainers: "@bob", useCases: "", firstItem: "SEP-9999" }),
      WG_LABELS,
    );
    const [comment, ...more] = w.appComments(issue.number);
    expect(more).toHaveLength(0);
    const body = comment!.body;
    expect(body).toContain("needs changes");
    expect(body).toMatch(/\*\*Channel tag\*\*: `Agents_WG` is not a channel tag/);
    expect(body).toMatch(/\*\*Facilitator\(s\)\*\*: `@ghost-user` is not a GitHub user/);
    expect(body).toMatch(/\*\*Facilitator\(s\)\*\*: `@my-org\/team` is a team/);
    expect(body).toMatch(/\*\*Maintainer\(s\)\*\*: `@bob` is not a GitHub user/);
    expect(body).toMatch(/\*\*Explanation of interest and use cases\*\*: is required but empty/);
    expect(body).toContain("**First Issue, PR or SEP the WG will work on**: SEP-9999 has no SEP file (`seps/9999-….md` on the default branch) and no issue or pull request #9999 in");
    expect(body).toContain("Convener found 6 problems");
    expect(w.labels(issue.number)).toContain("group/needs-changes");
    expect(w.labels(issue.number)).not.toContain("group/ready");
  });

  test("editing the request updates the same comment and flips the label; an edited event costs at most 6 requests", async () => {
    await start();
    const issue = await w.open(validWgBody({ facilitators: "Jane Doe" }), WG_LABELS);
    expect(w.labels(issue.number)).toContain("group/needs-changes");
    const first = w.appComments(issue.number)[0]!;

    w.standIn.control.as(REQUESTER, REPO).editIssue(issue.number, { body: validWgBody() });
    await w.settle();
    const comments = w.appComments(issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(first.id);
    expect(comments[0]!.body).toContain("ready for moderator review");
    expect(w.labels(issue.number)).toContain("group/ready");
    expect(w.labels(issue.number)).not.toContain("group/needs-changes");
    const cost = requestsDuring(w.standIn, deliveryOf("edited", issue.number));
    expect(cost.length).toBeLessThanOrEqual(6);
    // The comment edit and the label flip go out as one GraphQL mutation document, after the one
    // creation of the claim label the repository did not have yet (REST's add-labels created it on the fly).
    expect(writesOf(cost)).toEqual(["POST", "POST"]);
    expect(cost.filter((r) => r.write).map((r) => r.operation)).toEqual(["ConvenerWrites", "ConvenerWrites"]);
    // One read beside the configuration: the request's state (the registry is cached, its head came with the state).
    expect(cost.filter((r) => !r.write && !r.path.includes("/contents/.github")).map((r) => r.operation ?? `${r.method} ${r.path}`)).toEqual(["IntakeState"]);
    // The ids the label writes need came with the reads: the payload's labels and those the verdict may
    // add that exist (group/ready did not exist yet when the edit was read).
    for (const name of ["group-request", "working-group", "group/needs-changes"]) {
      expect(knownLabelId({ owner: REPO.split("/")[0]!, repo: REPO.split("/")[1]! }, name)).toEqual(expect.any(String));
    }
  });

  test("the label events that follow an issue opened from a form read nothing: `opened` reviewed that state", async () => {
    await start();
    const issue = await w.open(validIgBody(), IG_LABELS);
    const labeled = deliveriesOf(w.standIn, "issues", "labeled").filter((d) => JSON.parse(d.body).issue.number === issue.number && JSON.parse(d.body).sender.login !== "convener[bot]");
    expect(labeled.length).toBeGreaterThanOrEqual(1);
    for (const d of labeled) expect(requestsDuring(w.standIn, d).filter((r) => !r.path.includes("/contents/.github"))).toEqual([]);
    // A label that changes what the request is still gets its review.
    w.standIn.control.as(REQUESTER, REPO).label(issue.number, "working-group");
    await w.settle();
    const relabeled = deliveriesOf(w.standIn, "issues", "labeled").at(-1)!;
    expect(graphqlOperations(requestsDuring(w.standIn, relabeled))).toContain("IntakeState");
  });

  test("the same delivery three times gives one comment and no repeated writes", async () => {
    await start();
    const issue = await w.open(validIgBody(), IG_LABELS);
    const from = w.standIn.requests.length;
    const opened = deliveryOf("opened", issue.number);
    await w.standIn.webhooks.redeliver(opened.id);
    await w.standIn.webhooks.redeliver(opened.id);
    await w.settle();
    expect(w.appComments(issue.number)).toHaveLength(1);
    expect(writesOf(w.standIn.requestsSince(from))).toEqual([]);
  });

  test("two deliveries at the same moment converge on one comment", async () => {
    await start();
    let number = 0;
    const [opened] = holdDeliveries(w.standIn, () => void (number = w.standIn.control.as(REQUESTER, REPO).openIssue("Group request", validIgBody(), IG_LABELS).number));
    await Promise.all([w.standIn.webhooks.redeliver(opened!.id), w.standIn.webhooks.redeliver(opened!.id)]);
    await w.settle();
    expect(w.appComments(number)).toHaveLength(1);
  });

  test("a comment by another user carrying the app's marker is never edited nor trusted", async () => {
    await start();
    const fake = "<!-- convener:intake -->\nI am the bot, honest";
    let number = 0;
    // The request and mallory's comment both exist before the app hears of the request.
    const held = holdDeliveries(w.standIn, () => {
      number = w.standIn.control.as(REQUESTER, REPO).openIssue("Group request", validIgBody(), IG_LABELS).number;
      w.standIn.control.as("mallory", REPO).comment(number, fake);
    });
    const from = w.standIn.requests.length;
    for (const delivery of held) await w.standIn.webhooks.redeliver(delivery.id);
    await w.settle();
    const issue = w.standIn.control.issueOf(REPO, number);
    expect(issue.comments[0]).toMatchObject({ user: "mallory", body: fake });
    expect(w.appComments(number)).toHaveLength(1);
    expect(writesOf(w.standIn.requestsSince(from)).filter((m) => m === "PATCH")).toHaveLength(0);
  });

  test("an issue without the request label is ignored after the config read", async () => {
    await start();
    const issue = await w.open(validIgBody(), ["bug"]);
    expect(w.appComments(issue.number)).toHaveLength(0);
    expect(graphqlOperations(requestsDuring(w.standIn, deliveryOf("opened", issue.number)))).toEqual([]);
  });

  test("a closed request is not reviewed", async () => {
    await start();
    const issue = w.seedRequest(validIgBody(), IG_LABELS, { closed: true });
    w.standIn.control.as(REQUESTER, REPO).editIssue(issue.number, { body: validIgBody({ topic: "Another topic." }) });
    await w.settle();
    expect(deliveryOf("edited", issue.number).status).toBe(200);
    expect(w.appComments(issue.number)).toHaveLength(0);
  });

  test("a tag held by another open request is rejected", async () => {
    await start();
    const holder = await w.open(validWgBody(), WG_LABELS);
    const issue = await w.open(validWgBody(), WG_LABELS);
    expect(w.appComments(issue.number)[0]!.body).toMatch(new RegExp(`\`agents-wg\` is already used by request #${holder.number}`));
  });

  test("adding the request label later starts the review", async () => {
    await start();
    const issue = await w.open(validIgBody(), ["interest-group"]);
    expect(w.appComments(issue.number)).toHaveLength(0);
    w.standIn.control.as(REQUESTER, REPO).label(issue.number, "group-request");
    await w.settle();
    expect(w.appComments(issue.number)).toHaveLength(1);
  });

  test("the app's own events (its label) are ignored without a single request", async () => {
    await start();
    const issue = await w.open(validIgBody(), IG_LABELS);
    const own = deliveriesOf(w.standIn, "issues", "labeled").filter((d) => JSON.parse(d.body).label.name === "group/ready");
    expect(own).toHaveLength(1);
    expect(JSON.parse(own[0]!.body).sender.login).toBe("convener[bot]");
    expect(own[0]!.status).toBe(200);
    expect(requestsDuring(w.standIn, own[0]!)).toEqual([]);
    expect(w.labels(issue.number)).toContain("group/ready");
  });

  test("a closed but approved request still holds its tag; a closed unapproved one does not", async () => {
    await start();
    const held = await w.open(validWgBody({ tag: "held-wg" }), WG_LABELS);
    const released = await w.open(validWgBody({ tag: "free-wg" }), WG_LABELS);
    holdDeliveries(w.standIn, () => {
      w.standIn.control.as("carol", REPO).label(held.number, "group/approved");
      w.standIn.control.as("carol", REPO).close(held.number);
      w.standIn.control.as(REQUESTER, REPO).close(released.number);
    });
    const wantsHeld = await w.open(validWgBody({ tag: "held-wg" }), WG_LABELS);
    const wantsFree = await w.open(validWgBody({ tag: "free-wg" }), WG_LABELS);
    expect(w.appComments(wantsHeld.number)[0]!.body).toMatch(new RegExp(`\`held-wg\` is already used by request #${held.number}`));
    expect(w.appComments(wantsFree.number)[0]!.body).toContain("ready for moderator review");
  });
});
