import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { formBody, formLabels } from "../../sandbox/src/request-bodies.js";
import { startStandInApp, type StandInApp } from "../support/stand-in-app.js";

const REPO = "modelcontextprotocol/modelcontextprotocol";
const NOW = new Date("2031-02-03T04:05:06Z");

describe("the stand-in with the app in process", () => {
  let world: StandInApp;
  beforeAll(async () => {
    world = await startStandInApp({ clock: () => NOW, seed: (s) => { s.control.repo(REPO, { "README.md": "# MCP\n" }); s.control.user("alice"); } });
  });
  afterAll(async () => world?.stop());

  test("a user's change reaches the in-process app as a signed delivery, and its writes land in the stand-in", async () => {
    const body = formBody("interest-group", {
      "group-name": "Auth", tag: "auth-ig", facilitators: "@alice", "similar-groups": "None",
      differentiation: "Only about authorization.", "first-topic": "OAuth client registration.",
    });
    const issue = world.standIn.control.as("alice", REPO).openIssue("[IG request] Auth", body, formLabels("interest-group"));
    await world.settle();
    const after = world.standIn.control.issueOf(REPO, issue.number);
    expect(after.comments.filter((c) => c.user === "convener[bot]")).toHaveLength(1);
    expect(after.labels).toContain("group/ready");
    expect(new Set(world.standIn.webhooks.deliveries.map((d) => d.status))).toEqual(new Set([200]));
  });
});
