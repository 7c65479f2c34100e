import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { buildActivityQuery, CHARTER_FILE_QUERY, REVIEW_COMMENTS_PAGE_QUERY, REVIEW_ISSUE_QUERY } from "../../src/features/retirement/queries.js";

describe("retirement GraphQL queries are valid against GitHub's schema", () => {
  const shapes = [
    { name: "first batch: reviews and work items", shape: { workItems: [[], [12, 2356]], withReviews: true } },
    { name: "a batch without work items or reviews", shape: { workItems: [[], [], []], withReviews: false } },
    { name: "a batch of ten WGs with work items", shape: { workItems: Array.from({ length: 10 }, (_, g) => [g + 1, g + 100]), withReviews: false } },
    { name: "reviews only", shape: { workItems: [], withReviews: true } },
  ];
  for (const { name, shape } of shapes) {
    test(name, () => {
      expect(validate(buildActivityQuery(shape)).map(String)).toEqual([]);
    });
  }

  test("the review issue read by /keep-active and /retire", () => {
    expect(validate(REVIEW_ISSUE_QUERY).map(String)).toEqual([]);
  });
  test("the older comments of a review with more than 100", () => {
    expect(validate(REVIEW_COMMENTS_PAGE_QUERY).map(String)).toEqual([]);
  });
  test("the charter file read for the optional pull request", () => {
    expect(validate(CHARTER_FILE_QUERY).map(String)).toEqual([]);
  });
});
