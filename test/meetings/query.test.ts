import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { CALENDAR_QUERY } from "../../src/features/calendar/query.js";
import { MEETINGS_PULL_QUERY, buildMeetingsQuery } from "../../src/features/meetings/query.js";

describe("meetings GraphQL queries are valid against GitHub's schema", () => {
  test.each([0, 1, 3, 50])("push files query with %i files", (n) => {
    expect(validate(buildMeetingsQuery(n))).toEqual([]);
  });
  test("pull request query", () => expect(validate(MEETINGS_PULL_QUERY)).toEqual([]));
  test("calendar query", () => expect(validate(CALENDAR_QUERY)).toEqual([]));
});
