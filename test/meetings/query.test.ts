import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { CALENDAR_QUERY } from "../../src/features/calendar/query.js";
import { buildMeetingsQuery } from "../../src/features/meetings/query.js";

describe("meetings GraphQL queries are valid against GitHub's schema", () => {
  test.each([0, 1, 3, 50])("push files query with %i files", (n) => {
    expect(validate(buildMeetingsQuery(n))).toEqual([]);
  });
  test("push files query with the ids of the labels a notes issue carries", () => {
    expect(validate(buildMeetingsQuery(2, ["notes", "transports-wg"]))).toEqual([]);
  });
  // A pull request is read with the shared query (features/pull-request-read.ts), validated in test/seps/queries.test.ts.
  test("calendar query", () => expect(validate(CALENDAR_QUERY)).toEqual([]));
});
