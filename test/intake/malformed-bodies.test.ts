import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { deliveriesOf } from "../support/community-repo.js";
import { formBody, IG_QUESTIONS, validIgBody, validWgBody, WG_QUESTIONS } from "../support/intake-bodies.js";
import { IG_LABELS as IG, REPO, startIntakeWorld, WG_LABELS as WG, type IntakeWorld } from "../support/intake-stand-in.js";
import { holdDeliveries } from "../support/delivery-requests.js";

/** Hostile and broken request bodies: each must give its precise message, one comment, no crash, no echoed mention. */
const cases: { name: string; body: string; labels?: string[]; expect: RegExp[] }[] = [
  { name: "empty body", body: "", expect: [/does not follow the Interest Group request form/, /\*\*Group name\*\*: is required but empty/] },
  { name: "whitespace only", body: "   \n\n  ", expect: [/does not follow the Interest Group request form/] },
  { name: "70,000-character body", body: validIgBody({ topic: "x".repeat(70_000) }), expect: [/GitHub allows 65536/] },
  { name: "only headings", body: Object.values(IG_QUESTIONS).map((q) => `### ${q}`).join("\n\n"), expect: [/\*\*Channel tag\*\*: is required but empty/, /\*\*Facilitator\(s\)\*\*: is required but empty/] },
  { name: "unknown heading", body: validIgBody() + "\n\n### Budget\n\nlots", expect: [/the section `Budget` is not part of the form/] },
  { name: "plain prose, no form", body: "Please make an auth IG, thanks!", expect: [/none of its questions/] },
  { name: "HTML in the name", body: validIgBody({ name: "<img src=x onerror=alert(1)>", tag: "<b>x</b>-ig" }), expect: [/`<b>x<\/b>-ig` is not a channel tag/] },
  { name: "markdown table as facilitators", body: validIgBody({ facilitators: "| name | handle |\n|---|---|\n| Al | al |" }), expect: [/has no GitHub handle/] },
  { name: "copy of the app's marker", body: validIgBody({ topic: "<!-- convener:intake -->" }), expect: [/ready for moderator review/] },
  { name: "team mention as facilitator", body: validIgBody({ facilitators: "@modelcontextprotocol/core-maintainers" }), expect: [/`@modelcontextprotocol\/core-maintainers` is a team/] },
  { name: "non-ASCII name without handle", body: validIgBody({ facilitators: "José Müller" }), expect: [/`José Müller` has no GitHub handle/] },
  { name: "non-ASCII name with handle", body: validIgBody({ name: "Données ouvertes", tag: "donnees-ig", facilitators: "José Müller (@alice)" }), expect: [/ready for moderator review/] },
  { name: "deleted user", body: validIgBody({ facilitators: "@deleted-person" }), expect: [/`@deleted-person` is not a GitHub user/] },
  { name: "invalid handle characters", body: validIgBody({ facilitators: "@bad_handle!" }), expect: [/is not a GitHub user|has no GitHub handle|not a valid GitHub handle/] },
  { name: "two handles on one line", body: validIgBody({ facilitators: "@alice @bob" }), expect: [/names several handles on one line/] },
  { name: "tag of the wrong kind", body: validIgBody({ tag: "auth-wg" }), expect: [/this is a Interest Group request|must end in `-ig`/] },
  { name: "upper-case tag", body: validIgBody({ tag: "Auth-IG" }), expect: [/write `<name>-ig` in lower case/] },
  { name: "tag with spaces", body: validIgBody({ tag: "auth ig" }), expect: [/`auth ig` is not a channel tag/] },
  { name: "WG first item in another repo", body: validWgBody({ firstItem: "https://github.com/other/repo/issues/1" }), labels: WG, expect: [/is in `other\/repo`/] },
  { name: "WG first item not a reference", body: validWgBody({ firstItem: "the auth thing" }), labels: WG, expect: [/is not a reference: write `#123`, `SEP-123`/] },
  { name: "WG first item missing", body: validWgBody({ firstItem: "#4242" }), labels: WG, expect: [/#4242 does not exist/] },
  { name: "no kind label and no tag", body: formBody({ [WG_QUESTIONS.name]: "X" }), labels: ["group-request"], expect: [/cannot tell whether this asks for an Interest Group or a Working Group/] },
  { name: "kind inferred from tag when the kind label is missing", body: validWgBody(), labels: ["group-request"], expect: [/Working Group request is ready/] },
  { name: "mass mention in an answer", body: validIgBody({ facilitators: "@everyone please join" }), expect: [/names several handles|has no GitHub handle|is not a GitHub user/] },
  {
    name: "11,000 unknown headings in 65,536 characters: 25 problems listed, the rest counted",
    body: (validIgBody() + "\n\n" + "### h\n".repeat(11_000)).slice(0, 65_536),
    expect: [/the section `h` is not part of the form/, /…and \d{4,} more, not listed here/],
  },
  { name: "overlong group name", body: validIgBody({ name: "N".repeat(200) }), expect: [/\*\*Group name\*\*: must be at most 80 characters/] },
];

describe("malformed request bodies", () => {
  let w: IntakeWorld;
  beforeAll(async () => {
    w = await startIntakeWorld();
  });
  afterAll(async () => w?.stop());

  test.each(cases)("$name", async ({ body, labels, expect: patterns }) => {
    const issue = await w.open(body, labels ?? IG);
    const opened = deliveriesOf(w.standIn, "issues", "opened").at(-1)!;
    await w.standIn.webhooks.redeliver(opened.id);
    await w.settle();
    const comments = w.appComments(issue.number);
    expect(comments).toHaveLength(1);
    for (const pattern of patterns) expect(comments[0]!.body).toMatch(pattern);
    // No user-written mention or HTML reaches the comment outside a code span.
    const outsideCode = comments[0]!.body.replace(/`[^`]*`/g, "");
    expect(outsideCode).not.toMatch(/@(everyone|alice|bob|deleted-person|modelcontextprotocol)\b/);
    expect(outsideCode).not.toMatch(/<img|<b>/);
    expect(comments[0]!.body.match(/<!-- convener:/g)).toHaveLength(1);
    expect((comments[0]!.body.match(/^- \*\*/gm) ?? []).length).toBeLessThanOrEqual(26);
    // Closed without telling the app, so the next case's tag is free.
    holdDeliveries(w.standIn, () => w.standIn.control.as("carol", REPO).close(issue.number));
  });
});
