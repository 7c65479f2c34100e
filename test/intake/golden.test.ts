import { describe, test } from "@jest/globals";
import { decideIntake } from "../../src/features/intake/decide.js";
import type { IntakeInput } from "../../src/features/intake/gather.js";
import { parseRequest } from "../../src/features/intake/parse-request.js";
import { defaultConfig } from "../../src/features/config-schema.js";
import { expectGolden } from "../golden/expect-golden.js";
import { validIgBody, validWgBody } from "../support/intake-bodies.js";

/** The intake comment as the app posts it, from the real decide step, for review as a file. */
function renderComment(body: string, kind: "ig" | "wg", facts: Partial<IntakeInput["facts"]> = {}): string {
  const input: IntakeInput = {
    target: { owner: "mcp", repo: "community", issue: 1 },
    kind,
    request: parseRequest(body, kind),
    bodyLength: body.length,
    labels: [],
    existing: null,
    facts: { repo: { owner: "mcp", repo: "community" }, users: {}, takenTags: {}, ...facts },
  };
  const action = decideIntake(input, defaultConfig)[0]!;
  if (action.kind !== "comment.create") throw new Error("expected a new comment");
  return action.body;
}

describe("intake messages (golden)", () => {
  test("ready", () => {
    expectGolden("intake-ready", renderComment(validIgBody(), "ig", { users: { alice: true, bob: true } }));
  });

  test("needs changes, one problem", () => {
    expectGolden("intake-one-problem", renderComment(validIgBody({ topic: "" }), "ig"));
  });

  test("needs changes, several problems with hostile text", () => {
    const body = validWgBody({ tag: "<b>@everyone</b>", facilitators: "@ghost\n@org/team\nJane <!-- convener:intake -->", firstItem: "SEP-12" }) + "\n\n### Extra\n\nx";
    expectGolden("intake-problems", renderComment(body, "wg", { users: { ghost: false, bob: true }, firstItemExists: false }));
  });
});
