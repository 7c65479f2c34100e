import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { labelLookupFields } from "../../src/core/label-ids.js";
import { buildDecisionQuery, DECISION_COMMENTS_PAGE_QUERY, DECISION_LABEL_EVENTS_PAGE_QUERY, DECISION_QUERY, SWEEP_QUERY } from "../../src/features/decisions/query.js";

describe("decision GraphQL queries against GitHub's schema", () => {
  test.each([
    ["DecisionState", DECISION_QUERY],
    ["DecisionComments", DECISION_COMMENTS_PAGE_QUERY],
    ["DecisionLabelEvents", DECISION_LABEL_EVENTS_PAGE_QUERY],
    ["DecisionSweep", SWEEP_QUERY],
  ])("%s is valid", (_name, query) => {
    expect(validate(query)).toEqual([]);
  });

  test("DecisionState with the look-ups of the labels a decision may add is valid", () => {
    expect(validate(buildDecisionQuery(labelLookupFields(["vote/open", "vote/passed", "group/approved"])))).toEqual([]);
  });

  test("the check can fail", () => {
    expect(validate(DECISION_QUERY.replace("lastEditedAt", "editedAt"))).not.toEqual([]);
  });
});
