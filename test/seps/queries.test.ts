import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { PULL_FILES_PAGE_QUERY } from "../../src/core/pull-files.js";
import { buildPullFactsQuery, buildPullTextsQuery } from "../../src/core/pull-facts.js";
import { defaultConfig } from "../../src/features/config-schema.js";
import { pullFactsOptions } from "../../src/features/pull-request-read.js";
import { SEP_COMMIT_PULLS_QUERY, SEP_OPEN_PULLS_QUERY } from "../../src/features/seps/query.js";

const PULL_FACTS_QUERY = buildPullFactsQuery(pullFactsOptions(defaultConfig));

describe("SEP check GraphQL queries against GitHub's schema", () => {
  test("the pull request query (shared with the SEP link and the agenda check) is valid", () => {
    expect(validate(PULL_FACTS_QUERY)).toEqual([]);
  });

  test("the pull request query is valid with label ids, without comments and without checks", () => {
    expect(validate(buildPullFactsQuery({ checkNames: [], labelNames: ["draft", "in-review"], withComments: false }))).toEqual([]);
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
    expect(validate(buildPullTextsQuery(Array.from({ length: n }, (_, i) => ({ path: `seps/${i}.md`, withBase: i % 2 === 0 }))))).toEqual([]);
  });

  test("the schema check catches a wrong field (the test can fail)", () => {
    expect(validate(PULL_FACTS_QUERY.replace("changeType", "changeKind"))).not.toEqual([]);
  });
});
