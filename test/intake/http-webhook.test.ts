import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { signBody } from "../../sandbox/src/webhooks/sender.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";
import { validIgBody } from "../support/intake-bodies.js";
import { IG_LABELS, REPO, REQUESTER, startIntakeWorld, type IntakeWorld } from "../support/intake-stand-in.js";
import { holdDeliveries } from "../support/delivery-requests.js";

/** Through Probot's own webhook middleware (the app's real endpoint), as GitHub posts to it. */
describe("webhooks over HTTP to the app's real endpoint", () => {
  let w: IntakeWorld;
  beforeAll(async () => {
    w = await startIntakeWorld();
  });
  afterAll(async () => w?.stop());

  /** A request opened while GitHub delivers nowhere: its `opened` delivery, for the test to post. */
  function heldOpened(): { number: number; delivery: Delivery } {
    let number = 0;
    const [delivery] = holdDeliveries(w.standIn, () => void (number = w.standIn.control.as(REQUESTER, REPO).openIssue("Group request", validIgBody(), IG_LABELS).number));
    return { number, delivery: delivery! };
  }

  test("a signed webhook is handled: the request gets its comment and label", async () => {
    const { number, delivery } = heldOpened();
    const sent = await w.standIn.webhooks.post(delivery);
    await w.settle();
    expect(sent.status).toBe(200);
    expect(w.appComments(number)).toHaveLength(1);
    expect(w.labels(number)).toContain("group/ready");
  });

  test("an unsigned webhook gets 400 and has no effect", async () => {
    const { number, delivery } = heldOpened();
    const sent = await w.standIn.webhooks.post(delivery, null);
    await w.settle();
    expect(sent.status).toBe(400);
    expect(w.appComments(number)).toHaveLength(0);
  });

  test("a webhook signed with the wrong secret gets 400 and has no effect", async () => {
    const { number, delivery } = heldOpened();
    const sent = await w.standIn.webhooks.post(delivery, signBody(delivery.body, "not-the-secret"));
    await w.settle();
    expect(sent.status).toBe(400);
    expect(w.appComments(number)).toHaveLength(0);
    expect(w.labels(number)).not.toContain("group/ready");
  });
});
