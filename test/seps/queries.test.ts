import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { PULL_FILES_PAGE_QUERY } from "../../src/core/pull-files.js";
import { SEP_COMMIT_PULLS_QUERY, SEP_OPEN_PULLS_QUERY, SEP_PULL_REQUEST_QUERY, buildSepTextsQuery } from "../../src/features/seps/query.js";

describe("SEP check GraphQL queries against GitHub's schema", () => {
  test("the pull request query is valid", () => {
    expect(validate(SEP_PULL_REQUEST_QUERY)).toEqual([]);
  });

  test("the commit → pull requests query is valid", () => {
    expect(validate(SEP_COMMIT_PULLS_QUERY)).toEqual([]);
  });

  test("the sweep's open pull requests query is valid", () => {
    expect(validate(SEP_OPEN_PULLS_QUERY)).toEqual([]);
  });

  test("the shared pull request files page query is valid", () => {
    expect(validate(PULL_FILES_PAGE_QUERY)).toEqual([]);
  });

  test.each([1, 2, 20, 50])("the file texts query with %i files is valid", (n) => {
    expect(validate(buildSepTextsQuery(n))).toEqual([]);
  });

  test("the schema check catches a wrong field (the test can fail)", () => {
    expect(validate(SEP_PULL_REQUEST_QUERY.replace("changeType", "changeKind"))).not.toEqual([]);
  });
});
