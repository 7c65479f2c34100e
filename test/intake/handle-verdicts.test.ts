import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { decideIntake } from "../../src/features/intake/decide.js";
import type { IntakeInput } from "../../src/features/intake/gather.js";
import { parseHandles } from "../../src/features/intake/handles.js";
import { parseRequest } from "../../src/features/intake/parse-request.js";
import { defaultConfig } from "../../src/features/config-schema.js";
import { graphqlOperations } from "../support/community-repo.js";
import { lastDelivery, requestsDuring } from "../support/delivery-requests.js";
import { validIgBody } from "../support/intake-bodies.js";
import { IG_LABELS, REPO, startIntakeWorld, type IntakeWorld } from "../support/intake-stand-in.js";

const RULE = "A handle has ASCII letters and digits, single hyphens between them, at most 39 characters.";
const F = "**Facilitator(s)**";
const A39 = "a".repeat(39);
const A40 = "a".repeat(40);

/** The comment a requester sees for an IG request whose Facilitator(s) answer is `answer` (every valid handle is a user). */
function verdictFor(answer: string): string {
  const body = validIgBody({ facilitators: answer });
  const request = parseRequest(body, "ig");
  const users = Object.fromEntries(parseHandles(request.fields.facilitators ?? "").handles.map((h) => [h.toLowerCase(), true]));
  const input: IntakeInput = {
    target: { owner: "mcp", repo: "community", issue: 1 },
    kind: "ig",
    request,
    bodyLength: body.length,
    labels: [],
    existing: null,
    facts: { repo: { owner: "mcp", repo: "community" }, users, takenTags: {} },
  };
  const action = decideIntake(input, defaultConfig)[0]!;
  if (action.kind !== "comment.create") throw new Error("expected a new comment");
  return action.body;
}
const problemLines = (comment: string) => comment.split("\n").filter((l) => l.startsWith("- **"));

/** Answers the form accepts, and the people they name. */
const accepted: [string, string[]][] = [
  ["@alice", ["alice"]],
  ["Name (@alice)", ["alice"]],
  ["- @alice", ["alice"]],
  ["[@alice](https://github.com/alice)", ["alice"]],
  ["**@alice**", ["alice"]],
  ["_@alice_", ["alice"]],
  ["@alice, @bob", ["alice", "bob"]],
  ["@alice; @bob", ["alice", "bob"]],
  ["- @alice\n- Bob Jones (@bob).", ["alice", "bob"]],
  ["Ada <ada@example.com> (@ada)", ["ada"]],
  ["@12345", ["12345"]],
  [`@${A39}`, [A39]],
  ["alice", ["alice"]],
];

/** Answers refused, and the exact lines the requester reads. */
const refused: [string, string[]][] = [
  ["@zoë-müller", [`- ${F}: \`@zoë-müller\` is not a valid GitHub handle: \`ë\` (U+00EB) is not an ASCII letter, digit or hyphen. ${RULE}`]],
  // Not `@fac-ken`, a different person.
  ["@fac-kenü", [`- ${F}: \`@fac-kenü\` is not a valid GitHub handle: \`ü\` (U+00FC) is not an ASCII letter, digit or hyphen. ${RULE}`]],
  ["Zoë Müller (@zoë-müller)", [`- ${F}: \`Zoë Müller (@zoë-müller)\`: \`@zoë-müller\` is not a valid GitHub handle: \`ë\` (U+00EB) is not an ASCII letter, digit or hyphen. ${RULE}`]],
  ["＠alice", [`- ${F}: \`＠alice\` is not a valid GitHub handle: it starts with \`＠\` (U+FF20), not the ASCII \`@\`. ${RULE}`]],
  ["@alice-", [`- ${F}: \`@alice-\` is not a valid GitHub handle: it ends with a hyphen. ${RULE}`]],
  ["@-alice", [`- ${F}: \`@-alice\` is not a valid GitHub handle: it starts with a hyphen. ${RULE}`]],
  ["@al--ice", [`- ${F}: \`@al--ice\` is not a valid GitHub handle: it has two hyphens in a row. ${RULE}`]],
  [`@${A40}`, [`- ${F}: \`@${A40}\` is not a valid GitHub handle: it is 40 characters long (at most 39). ${RULE}`]],
  ["zoë", [`- ${F}: \`zoë\` is not a valid GitHub handle: \`ë\` (U+00EB) is not an ASCII letter, digit or hyphen. ${RULE}`]],
  ["alice@example.com", [`- ${F}: \`alice@example.com\` is an email address, not a GitHub handle; write the person's \`@handle\` (e.g. \`Ada Lovelace (@ada)\`).`]],
  ["Alice <alice@example.com>", [`- ${F}: \`Alice <alice@example.com>\`: \`alice@example.com\` is an email address, not a GitHub handle; write the person's \`@handle\` (e.g. \`Ada Lovelace (@ada)\`).`]],
  ["@org/team", [`- ${F}: \`@org/team\` is a team; name each person by their own GitHub handle (\`@handle\`).`]],
  ["@alice @bob", [`- ${F}: \`@alice @bob\` names several handles on one line; write one person per line.`]],
  ["_None_", [`- ${F}: must name at least one person by GitHub handle (\`@handle\`).`]],
  ["@alice, @zoë", [`- ${F}: \`@zoë\` is not a valid GitHub handle: \`ë\` (U+00EB) is not an ASCII letter, digit or hyphen. ${RULE}`]],
];

describe("handles in a request, through the issue form's parsing to the verdict the requester reads", () => {
  test.each(accepted)("%j is accepted as %j", (answer, handles) => {
    expect(parseHandles(parseRequest(validIgBody({ facilitators: answer }), "ig").fields.facilitators!).handles).toEqual(handles);
    expect(problemLines(verdictFor(answer))).toEqual([]);
  });

  test.each(refused)("%j is refused", (answer, lines) => {
    expect(problemLines(verdictFor(answer))).toEqual(lines);
  });
});

describe("on the stand-in: a look-alike handle is never looked up as the person its prefix names", () => {
  let w: IntakeWorld;
  beforeAll(async () => {
    w = await startIntakeWorld({ config: "intake:\n  checkUsers: true\n", users: ["alice", "bob", "carol", "fac-ken", "zo"] });
  });
  afterAll(async () => w?.stop());

  test.each([
    ["@fac-kenü", "`@fac-kenü` is not a valid GitHub handle: `ü` (U+00FC) is not an ASCII letter, digit or hyphen."],
    ["@zoë-müller", "`@zoë-müller` is not a valid GitHub handle: `ë` (U+00EB) is not an ASCII letter, digit or hyphen."],
  ])("%s", async (answer, message) => {
    const issue = await w.open(validIgBody({ facilitators: answer }), IG_LABELS);
    const [comment] = w.appComments(issue.number);
    expect(comment!.body).toContain(`${F}: ${message} ${RULE}`);
    expect(w.labels(issue.number)).toContain("group/needs-changes");
    // `fac-ken` and `zo` are users: reading a prefix would have made the request ready.
    expect(comment!.body).not.toContain("ready for moderator review");
    expect(graphqlOperations(requestsDuring(w.standIn, lastDelivery(w.standIn, "issues", "opened"))).filter((o) => o === "IntakeState")).toHaveLength(1);
    w.standIn.control.as("carol", REPO).close(issue.number);
    await w.settle();
  });
});
