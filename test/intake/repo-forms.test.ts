import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test } from "@jest/globals";
import { deliveriesOf, graphqlOperations } from "../support/community-repo.js";
import { describeRequest, requestsDuring } from "../support/delivery-requests.js";
import { formBody, validWgBody, WG_QUESTIONS } from "../support/intake-bodies.js";
import { REPO, startIntakeWorld, WG_LABELS, type IntakeWorld } from "../support/intake-stand-in.js";
import { createMemoryLog } from "../support/memory-log.js";
import { bundledForms } from "../../src/features/intake/forms.js";
import { hasCurrentForms, readRepoForms } from "../../src/features/intake/repo-forms.js";

/** The bundled WG form, as a community would copy it into `.github/ISSUE_TEMPLATE/`. */
const BUNDLED_WG = readFileSync(new URL("../../templates/issue-forms/working-group-request.yml", import.meta.url), "utf8");
const LABELS = { request: "group-request", interestGroup: "interest-group", workingGroup: "working-group" };
const [owner, repo] = REPO.split("/") as [string, string];

/** The community's edit: the tag question renamed, and a question of its own added. */
const EDITED_WG = BUNDLED_WG.replace("label: Channel tag", "label: Slack channel tag") + `  - type: textarea
    id: budget
    attributes:
      label: Budget
    validations:
      required: false
`;
/** A request made with the edited form: GitHub renders its labels as the headings. */
const editedBody = (overrides: Parameters<typeof validWgBody>[0] = {}) =>
  validWgBody(overrides).replace(`### ${WG_QUESTIONS.tag}`, "### Slack channel tag") + "\n\n### Budget\n\nNone needed.";

describe("intake reads the community's own issue forms (.github/ISSUE_TEMPLATE)", () => {
  let w: IntakeWorld;
  afterEach(async () => w?.stop());

  test("a renamed question and an added one are parsed from the repository's form, read within the intake query", async () => {
    w = await startIntakeWorld({ files: { ".github/ISSUE_TEMPLATE/wg-request.yml": EDITED_WG } });
    const first = await w.open(editedBody(), WG_LABELS);
    const [comment, ...more] = w.appComments(first.number);
    expect(more).toEqual([]);
    expect(comment!.body).toContain("ready for moderator review");
    expect(comment!.body).not.toContain("not part of the form");
    expect(w.labels(first.number)).toContain("tag:agents-wg");
    const opened = deliveriesOf(w.standIn, "issues", "opened").at(-1)!;
    // No request of its own: the forms come with the intake query.
    expect(requestsDuring(w.standIn, opened).filter((r) => r.path.includes("ISSUE_TEMPLATE"))).toEqual([]);
    expect(graphqlOperations(requestsDuring(w.standIn, opened)).filter((op) => op === "IntakeState")).toHaveLength(1);
    expect(hasCurrentForms({ owner, repo }, 60_000)).toBe(true);

    // A problem is named by the community's own question.
    const second = await w.open(editedBody({ tag: "Agents_WG" }), WG_LABELS);
    expect(w.appComments(second.number)[0]!.body).toMatch(/\*\*Slack channel tag\*\*: `Agents_WG` is not a channel tag/);
    // Steady state: the cached forms read the payload right the first time, so no follow-up read.
    const third = await w.open(editedBody({ tag: "tooling-wg" }), WG_LABELS);
    const cost = requestsDuring(w.standIn, deliveriesOf(w.standIn, "issues", "opened").at(-1)!).map(describeRequest);
    expect(cost.filter((r) => r.startsWith("POST Intake"))).toEqual(["POST IntakeState"]);
    expect(w.labels(third.number)).toContain("tag:tooling-wg");
  }, 60_000);

  test("a push that changes the form refreshes it: the next request is read against the new question", async () => {
    w = await startIntakeWorld({ files: { ".github/ISSUE_TEMPLATE/wg-request.yml": EDITED_WG } });
    await w.open(editedBody(), WG_LABELS);
    w.standIn.control.as("alice", REPO).push({ ".github/ISSUE_TEMPLATE/wg-request.yml": EDITED_WG.replace("label: Slack channel tag", "label: Discord channel tag") }, "Rename the tag question");
    await w.settle();
    const body = editedBody({ tag: "tooling-wg" }).replace("### Slack channel tag", "### Discord channel tag");
    const issue = await w.open(body, WG_LABELS);
    expect(w.appComments(issue.number)[0]!.body).toContain("ready for moderator review");
    expect(w.labels(issue.number)).toContain("tag:tooling-wg");
  }, 60_000);

  test("a form missing a field the rules need is reported once, naming the file, the field id and its use", async () => {
    const memory = createMemoryLog();
    const withoutItem = BUNDLED_WG.replace(/  - type: input\n    id: first-item[\s\S]*?(?=\n  - type:|$)/, "");
    expect(withoutItem).not.toContain("id: first-item");
    w = await startIntakeWorld({ files: { ".github/ISSUE_TEMPLATE/wg-request.yml": withoutItem }, log: memory.log });
    const body = formBody({ ...Object.fromEntries(Object.entries(WG_QUESTIONS).filter(([k]) => k !== "firstItem").map(([, q]) => [q, "x"])),
      [WG_QUESTIONS.name]: "Agents", [WG_QUESTIONS.tag]: "agents-wg", [WG_QUESTIONS.facilitators]: "@alice", [WG_QUESTIONS.maintainers]: "@bob" });
    await w.open(body, WG_LABELS);
    await w.open(body.replace("agents-wg", "tooling-wg"), WG_LABELS);
    const reports = memory.lines.filter((l) => l.level === 40 && String(l.msg).startsWith("issue form"));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ form: ".github/ISSUE_TEMPLATE/wg-request.yml", field: "first-item" });
    expect(reports[0]!.msg).toContain("has no field with `id: first-item`, which intake needs for the Working Group's first issue, pull request or SEP");
  }, 60_000);

  test("without forms in the repository the bundled ones are used", async () => {
    expect(readRepoForms(null, LABELS)).toEqual({ forms: bundledForms(), problems: [] });
    // A form that is not a group request (no `group-request` label) is not one of intake's.
    const bug = { entries: [{ name: "bug.yml", type: "blob", object: { text: "name: Bug\ndescription: x\nlabels: [bug]\nbody:\n  - type: input\n    id: what\n    attributes:\n      label: What\n" } }] };
    expect(readRepoForms(bug, LABELS).forms).toBe(bundledForms());
    w = await startIntakeWorld();
    const issue = await w.open(validWgBody(), WG_LABELS);
    expect(w.appComments(issue.number)[0]!.body).toContain("ready for moderator review");
  }, 60_000);

  test("a group-request form with both kind labels is reported and not used", () => {
    const both = { entries: [{ name: "req.yml", type: "blob", object: { text: BUNDLED_WG.replace('labels: ["group-request", "working-group"]', 'labels: ["group-request", "working-group", "interest-group"]') } }] };
    const read = readRepoForms(both, LABELS);
    expect(read.forms).toBe(bundledForms());
    expect(read.problems).toEqual([expect.objectContaining({ path: ".github/ISSUE_TEMPLATE/req.yml", field: "labels" })]);
  });
});
