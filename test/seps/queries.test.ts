import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { SEP_COMMIT_PULLS_QUERY, SEP_PULL_REQUEST_QUERY, buildSepTextsQuery } from "../../src/features/seps/query.js";

describe("SEP check GraphQL queries against GitHub's schema", () => {
  test("the pull request query is valid", () => {
    expect(validate(SEP_PULL_REQUEST_QUERY)).toEqual([]);
  });

  test("the commit → pull requests query is valid", () => {
    expect(validate(SEP_COMMIT_PULLS_QUERY)).toEqual([]);
  });

  test.each([1, 2, 20])("the file texts query with %i files is valid", (n) => {
    expect(validate(buildSepTextsQuery(n))).toEqual([]);
  });

  test("the schema check catches a wrong field (the test can fail)", () => {
    expect(validate(SEP_PULL_REQUEST_QUERY.replace("changeType", "changeKind"))).not.toEqual([]);
  });
});
