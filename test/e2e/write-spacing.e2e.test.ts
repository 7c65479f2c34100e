import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { Harness } from "../../sandbox/src/harness.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";
import { igRequest, REPO, startWorld } from "./e2e-world.js";

/**
 * GitHub's guidance for writes, through the real server and the stand-in: never two writes of an
 * installation at once, and at least a second between the starts of two writes. Several deliveries
 * arrive at the same moment (GitHub does not wait for one answer before sending the next), and each
 * write is made slow, so a write that only waited a second after the previous one's start would
 * overlap it. The second separates deliveries: one delivery's own writes (a label made, then the
 * document using it) follow each other at once, still one at a time.
 */
const DELIVERIES = 4;
const SLOW_WRITE_MS = 1_500;
/** The stand-in stamps a request when it arrives: transit can shift two stamps by a few ms. */
const SLACK_MS = 25;

describe("write discipline across concurrent deliveries", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startWorld();
  }, 60_000);
  afterAll(async () => h?.stop());

  test("writes never overlap and start at least 1 s apart; every delivery is answered 2xx", async () => {
    // The requests are opened while the stand-in holds its deliveries, then delivered all at once.
    const url = h.standIn.webhooks.url;
    h.standIn.webhooks.url = undefined;
    const from = h.standIn.webhooks.deliveries.length;
    for (let i = 0; i < DELIVERIES; i++) {
      const { body, labels } = igRequest({ "group-name": `Spaced ${i}`, tag: `spaced${i}-ig` });
      h.standIn.control.as("bob", REPO).openIssue(`[IG request] Spaced ${i}`, body, labels);
    }
    await h.standIn.webhooks.drain();
    h.standIn.webhooks.url = url;
    const opened = h.standIn.webhooks.deliveries.slice(from).filter((d) => d.event === "issues" && d.action === "opened");
    expect(opened).toHaveLength(DELIVERIES);

    h.standIn.faults.delay({ method: "POST", path: "/graphql", mutation: "addComment" }, SLOW_WRITE_MS, DELIVERIES);
    const firstRequest = h.standIn.requests.length;
    const answered = await Promise.all(opened.map((d) => h.standIn.webhooks.post({ ...d } as Delivery)));
    await h.standIn.settle(500);

    // 202: the server answers a delivery still in work before GitHub's timeout, and finishes it.
    for (const d of answered) expect([200, 202]).toContain(d.status);
    // The installation token is authentication, not content: it is never queued behind writes.
    const writes = h.standIn.requestsSince(firstRequest).filter((r) => r.write && !r.path.endsWith("/access_tokens")).sort((a, b) => a.at - b.at);
    // Each request wrote (a comment and labels in one document, and possibly its labels made first).
    expect(writes.filter((w) => w.ms >= SLOW_WRITE_MS - SLACK_MS)).toHaveLength(DELIVERIES);
    for (let i = 1; i < writes.length; i++) {
      const [previous, next] = [writes[i - 1]!, writes[i]!];
      // Not concurrent: the next write started only once the previous one was answered.
      expect(next.at).toBeGreaterThanOrEqual(previous.at + previous.ms - SLACK_MS);
      // A delivery's writes end with its comment document (before it, at most the labels it made):
      // after that document the next write is another delivery's, a second after the answer.
      if (previous.mutations?.includes("addComment")) expect(next.at - (previous.at + previous.ms)).toBeGreaterThanOrEqual(1_000 - SLACK_MS);
    }
    for (let n = 1; n <= DELIVERIES; n++) {
      const issue = [...h.standIn.control.repoOf(REPO).issues.values()].find((x) => x.title === `[IG request] Spaced ${n - 1}`)!;
      expect(issue.comments.filter((c) => c.user === "convener[bot]")).toHaveLength(1);
    }
  }, 60_000);
});
