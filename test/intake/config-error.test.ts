import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { deliveriesOf } from "../support/community-repo.js";
import { validIgBody } from "../support/intake-bodies.js";
import { IG_LABELS, startIntakeWorld, type IntakeWorld } from "../support/intake-stand-in.js";

const BAD_CONFIG = "intake:\n  labels:\n    ready: 42\n  chekUsers: false\n";

describe("an invalid .github/convener.yml", () => {
  let w: IntakeWorld;
  beforeEach(async () => {
    w = await startIntakeWorld({ config: BAD_CONFIG });
  });
  afterEach(async () => w?.stop());

  const appWrites = (from = 0) => w.standIn.requestsSince(from).filter((r) => r.write);

  test("on a request: one comment naming each wrong key, no review, and a redelivery writes nothing", async () => {
    const issue = await w.open(validIgBody(), IG_LABELS);
    const [comment, ...more] = w.appComments(issue.number);
    expect(more).toHaveLength(0);
    expect(comment!.body).toContain("<!-- convener:config-error -->");
    expect(comment!.body).toMatch(/`intake\.labels\.ready`: .*expected string/i);
    expect(comment!.body).toMatch(/`intake\.chekUsers`: unknown key/);
    expect(w.labels(issue.number)).not.toContain("group/ready");
    const from = w.standIn.requests.length;
    const [opened] = deliveriesOf(w.standIn, "issues", "opened");
    await w.standIn.webhooks.redeliver(opened!.id);
    await w.settle();
    expect(appWrites(from)).toEqual([]);
    expect(w.appComments(issue.number)).toHaveLength(1);
  });

  test("on an issue Convener would not act on: nothing is posted", async () => {
    const issue = await w.open("just a bug report", ["bug"]);
    expect(w.appComments(issue.number)).toHaveLength(0);
    expect(appWrites()).toEqual([]);
  });
});
