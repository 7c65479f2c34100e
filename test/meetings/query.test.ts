import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { buildMeetingsQuery } from "../../src/features/meetings/query.js";

describe("meetings GraphQL query", () => {
  test.each([0, 1, 3])("is valid against GitHub's schema with %i files", (n) => {
    expect(validate(buildMeetingsQuery(n))).toEqual([]);
  });
});
