import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { buildIntakeQuery, HEAD_FIELD } from "../../src/features/intake/query.js";
import { labelLookupFields } from "../../src/core/label-ids.js";

describe("intake GraphQL query against GitHub's schema", () => {
  test.each([0, 1, 3, 20])("with %i user aliases it is a valid query", (n) => {
    expect(validate(buildIntakeQuery(n))).toEqual([]);
  });

  test("with the head commit and label look-ups (an event's first query) it is a valid query", () => {
    const extras = [HEAD_FIELD, labelLookupFields(["group/ready", "group/needs-changes", "tag:auth-ig"])].join("\n");
    expect(validate(buildIntakeQuery(2, extras))).toEqual([]);
  });

  test("the schema check catches a wrong field (the test can fail)", () => {
    expect(validate(buildIntakeQuery(1).replace("viewerDidAuthor", "viewerWroteIt"))).not.toEqual([]);
  });
});
