import { afterEach, describe, expect, test } from "@jest/globals";
import { deliveriesOf, graphqlOperations } from "../support/community-repo.js";
import { holdDeliveries, requestsDuring } from "../support/delivery-requests.js";
import { validWgBody } from "../support/intake-bodies.js";
import { INTAKE_NOW, REPO, REQUESTER, startIntakeWorld, WG_LABELS, type IntakeWorld } from "../support/intake-stand-in.js";
import { createStandInAuth } from "../support/decisions-stand-in.js";
import { features } from "../../src/features/index.js";
import { silentLog } from "../../src/core/log.js";
import { runSweep } from "../../src/sweep/run-sweep.js";

/** The verdict line about the channel tag, or "" when the tag passed. */
const tagVerdict = (w: IntakeWorld, number: number) => /\*\*Channel tag\*\*: .*/.exec(w.appComments(number)[0]?.body ?? "")?.[0] ?? "";

describe("channel tags: the first request to claim a tag keeps it; tags are looked up by their claim label", () => {
  let w: IntakeWorld;
  afterEach(async () => w?.stop());

  test("a later duplicate never blocks the earlier request, whatever is edited; closing the earlier one unapproved releases the tag", async () => {
    w = await startIntakeWorld();
    const first = await w.open(validWgBody(), WG_LABELS);
    const later = await w.open(validWgBody({ name: "Agents Again" }), WG_LABELS);
    expect(w.labels(first.number)).toEqual([...WG_LABELS, "group/ready", "tag:agents-wg"]);
    expect(w.labels(later.number)).toEqual([...WG_LABELS, "group/needs-changes", "tag:agents-wg"]);
    expect(tagVerdict(w, later.number)).toContain(`is already used by request #${first.number}`);

    const as = w.standIn.control.as(REQUESTER, REPO);
    as.editIssue(first.number, { body: validWgBody({ useCases: "Durable agent execution, edited." }) });
    as.editIssue(later.number, { body: validWgBody({ name: "Agents Again", useCases: "Edited too." }) });
    as.editIssue(first.number, { body: validWgBody({ useCases: "Edited once more." }) });
    await w.settle();
    expect(tagVerdict(w, first.number)).toBe("");
    expect(w.labels(first.number)).toContain("group/ready");
    expect(tagVerdict(w, later.number)).toContain(`is already used by request #${first.number}`);

    holdDeliveries(w.standIn, () => as.close(first.number));
    as.editIssue(later.number, { body: validWgBody({ name: "Agents Again", useCases: "The first one was withdrawn." }) });
    await w.settle();
    expect(tagVerdict(w, later.number)).toBe("");
    expect(w.labels(later.number)).toContain("group/ready");
  });

  test("changing the tag moves the claim: the old claim label goes, the new one comes", async () => {
    w = await startIntakeWorld();
    const issue = await w.open(validWgBody(), WG_LABELS);
    w.standIn.control.as(REQUESTER, REPO).editIssue(issue.number, { body: validWgBody({ tag: "durable-agents-wg" }) });
    await w.settle();
    expect(w.labels(issue.number)).toEqual([...WG_LABELS, "group/ready", "tag:durable-agents-wg"]);
    expect(w.appComments(issue.number)[0]!.body).toContain('<!-- convener:intake {"claim":"durable-agents-wg"} -->');
    // An invalid tag claims nothing.
    w.standIn.control.as(REQUESTER, REPO).editIssue(issue.number, { body: validWgBody({ tag: "Durable Agents" }) });
    await w.settle();
    expect(w.labels(issue.number)).toEqual([...WG_LABELS, "group/needs-changes"]);
    expect(w.appComments(issue.number)[0]!.body).toContain('<!-- convener:intake {"claim":null} -->');
  });

  test("150 older requests in the repository: the duplicate is still found, and the event reads none of them", async () => {
    w = await startIntakeWorld();
    const control = w.standIn.control;
    // The repository's history, as the app left it: every older request carries its claim label.
    for (let i = 0; i < 149; i++) control.seedIssue(REPO, REQUESTER, `Request ${i}`, validWgBody({ name: `Group ${i}`, tag: `group-${i}-wg` }), [...WG_LABELS, "group/ready", `tag:group-${i}-wg`]);
    const holder = control.seedIssue(REPO, REQUESTER, "Agents", validWgBody(), [...WG_LABELS, "group/ready", "tag:agents-wg"]);
    const duplicate = await w.open(validWgBody({ name: "Agents Again" }), WG_LABELS);
    expect(tagVerdict(w, duplicate.number)).toContain(`is already used by request #${holder.number}`);

    const opened = deliveriesOf(w.standIn, "issues", "opened").find((d) => JSON.parse(d.body).issue.number === duplicate.number)!;
    const reads = requestsDuring(w.standIn, opened).filter((r) => !r.write);
    // ConvenerWriteIds: applyPlan's look-up of the node ids its write needs (a few ids, no bodies).
    expect(graphqlOperations(reads).filter((op) => op !== "RegistryCharters" && op !== "RegistryHead" && op !== "ConvenerWriteIds")).toEqual(["IntakeState"]);
    // No other request's body travels: 150 bodies would be ~60 KB; the claimants' numbers and labels are a few hundred bytes.
    const intakeBytes = reads.filter((r) => r.operation === "IntakeState").reduce((sum, r) => sum + (r.responseBytes ?? 0), 0);
    expect(intakeBytes).toBeLessThan(3_000);
  });

  test("a tag claimed by more than one page of requests: the holder on the second page is found", async () => {
    w = await startIntakeWorld();
    const control = w.standIn.control;
    // 120 withdrawn requests for the same tag (closed, unapproved: they hold nothing), then the holder.
    const withdrawn = Array.from({ length: 120 }, (_, i) => control.seedIssue(REPO, REQUESTER, `Withdrawn ${i}`, validWgBody(), [...WG_LABELS, "tag:agents-wg"]));
    holdDeliveries(w.standIn, () => withdrawn.forEach((issue) => control.as(REQUESTER, REPO).close(issue.number)));
    const holder = control.seedIssue(REPO, REQUESTER, "Agents", validWgBody(), [...WG_LABELS, "group/ready", "tag:agents-wg"]);
    const duplicate = await w.open(validWgBody({ name: "Agents Again" }), WG_LABELS);
    expect(tagVerdict(w, duplicate.number)).toContain(`is already used by request #${holder.number}`);
    const opened = deliveriesOf(w.standIn, "issues", "opened").find((d) => JSON.parse(d.body).issue.number === duplicate.number)!;
    expect(graphqlOperations(requestsDuring(w.standIn, opened))).toContain("IntakeClaims");
  });

  test("a claim label on an issue that is not a group request holds nothing", async () => {
    w = await startIntakeWorld();
    w.standIn.control.seedIssue(REPO, "carol", "Unrelated", "Not a request.", ["tag:agents-wg"]);
    const issue = await w.open(validWgBody(), WG_LABELS);
    expect(tagVerdict(w, issue.number)).toBe("");
  });

  test("the sweep gives a request validated before claims were recorded its claim label", async () => {
    w = await startIntakeWorld({ config: "{}\n" }); // the sweep visits repositories with their own config
    const issue = await w.open(validWgBody(), WG_LABELS);
    const verdict = w.appComments(issue.number)[0]!;
    // As an older version of the app left it: a verdict marker without `claim`, and no claim label.
    holdDeliveries(w.standIn, () => {
      w.standIn.control.as(w.standIn.state.app.botLogin, REPO).editComment(verdict.id, verdict.body.replace(/<!-- convener:intake \{.*?\} -->/, "<!-- convener:intake -->"));
      w.standIn.control.as("carol", REPO).unlabel(issue.number, "tag:agents-wg");
    });
    const intakeOnly = features.filter((f) => f.name === "intake");
    const sweep = () => runSweep({ auth: createStandInAuth(w.standIn), features: intakeOnly, confirm: true, maxWrites: 30, identity: { appId: 1, login: "convener[bot]" }, log: silentLog, clock: () => INTAKE_NOW });
    await sweep();
    await w.settle();
    expect(w.labels(issue.number)).toContain("tag:agents-wg");
    expect(w.appComments(issue.number)[0]!.body).toContain('{"claim":"agents-wg"}');
    const before = w.standIn.requests.length;
    await sweep(); // nothing left to repair
    expect(w.standIn.requestsSince(before).filter((r) => r.write)).toEqual([]);
  });
});
