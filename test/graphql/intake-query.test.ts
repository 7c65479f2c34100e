import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { buildIntakeQuery } from "../../src/features/intake/query.js";

describe("intake GraphQL query against GitHub's schema", () => {
  test.each([0, 1, 3, 20])("with %i user aliases it is a valid query", (n) => {
    expect(validate(buildIntakeQuery(n))).toEqual([]);
  });

  test("the schema check catches a wrong field (the test can fail)", () => {
    expect(validate(buildIntakeQuery(1).replace("viewerDidAuthor", "viewerWroteIt"))).not.toEqual([]);
  });
});
