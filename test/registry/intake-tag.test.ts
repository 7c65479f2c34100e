import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { graphqlOperations } from "../support/community-repo.js";
import { validWgBody } from "../support/intake-bodies.js";
import { REPO, startIntakeWorld, WG_LABELS, type IntakeWorld } from "../support/intake-stand-in.js";

/** How often the app read the registry (the charters) and asked only for the default branch's head. */
const registryReads = (w: IntakeWorld) => {
  const ops = graphqlOperations(w.standIn.requests);
  return { registry: ops.filter((op) => op === "RegistryCharters").length, head: ops.filter((op) => op === "RegistryHead").length };
};

describe("intake asks the registry whether a tag is taken", () => {
  let w: IntakeWorld;
  beforeEach(async () => {
    w = await startIntakeWorld({ charters: true, config: "{}\n" });
  });
  afterEach(async () => w?.stop());

  test("a WG request for `agents-wg` is rejected because the registered Agents WG holds the tag", async () => {
    const issue = await w.open(validWgBody({ name: "Agents Two", tag: "agents-wg" }), WG_LABELS);
    const [comment, ...more] = w.appComments(issue.number);
    expect(more).toHaveLength(0);
    expect(comment!.body).toMatch(/\*\*Channel tag\*\*: .*agents-wg.*registered group "Agents"/);
    expect(w.labels(issue.number)).toContain("group/needs-changes");
  });

  test("a free tag passes; a second request reuses the cached registry (one registry read in all)", async () => {
    const payments = await w.open(validWgBody({ name: "Payments", tag: "payments-wg" }), WG_LABELS);
    const registry = await w.open(validWgBody({ name: "Registry", tag: "registry-wg" }), WG_LABELS);
    expect(w.labels(payments.number)).toContain("group/ready");
    // `registry-wg` is derived from registry.mdx (its Discord channel is #registry-dev): still taken.
    expect(w.appComments(registry.number)[0]!.body).toMatch(/registry-wg.*registered group "Registry"/);
    expect(registryReads(w)).toEqual({ registry: 1, head: 0 });
  });

  test("a push to the default branch tells the registry its new head: the next event reads the new charters", async () => {
    const first = await w.open(validWgBody({ name: "Payments", tag: "payments-wg" }), WG_LABELS);
    expect(w.labels(first.number)).toContain("group/ready");

    w.standIn.control.as("alice", REPO).push({
      "docs/community/working-groups/payments.mdx": "---\ntitle: Payments Charter\n---\n## Group Type\n\n**Working Group**\n",
    });
    await w.settle();

    const second = await w.open(validWgBody({ name: "Payments", tag: "payments-wg" }), WG_LABELS);
    expect(w.appComments(second.number)[0]!.body).toMatch(/payments-wg.*registered group "Payments"/);
    // Read once per commit; the head was never asked for.
    expect(registryReads(w)).toEqual({ registry: 2, head: 0 });
  });
});
