import { describe, expect, test } from "@jest/globals";
import { readTrackedItem } from "../../src/features/retirement/activity.js";
import { configSchema } from "../../src/features/config-schema.js";
import { renderMarker } from "../../src/core/markers.js";
import { decideRetirementCommand, parseKeepActive } from "../../src/features/retirement/decide-command.js";
import type { GqlItem, GqlReview } from "../../src/features/retirement/queries.js";
import { readReviewIssue, renderReviewMarker, renderSnoozeMarker, RETIRED_MARKER } from "../../src/features/retirement/review-issue.js";

const APP = { appId: 1, login: "convener[bot]" };
const appActor = { __typename: "Bot", login: "convener" };

function reviewNode(over: Partial<GqlReview> = {}): GqlReview {
  return {
    number: 900, title: "[retirement] Agents", body: renderReviewMarker("agents-wg", "2026-11-01T00:00:00.000Z"), state: "OPEN",
    createdAt: "2026-11-01T00:00:00Z", closedAt: null, viewerDidAuthor: true, author: appActor,
    labels: { nodes: [{ name: "group/retirement-candidate" }] }, comments: { nodes: [] }, ...over,
  };
}

describe("retirement: markers are believed only where the app wrote them", () => {
  test("the app's review issue is read with its tag and flag time", () => {
    expect(readReviewIssue(reviewNode(), APP)).toMatchObject({ number: 900, tag: "agents-wg", flaggedAt: "2026-11-01T00:00:00.000Z", state: "open", snooze: null });
  });

  test("a review marker pasted into someone's own issue is ignored", () => {
    expect(readReviewIssue(reviewNode({ viewerDidAuthor: false, author: { __typename: "User", login: "mallory" } }), APP)).toBeNull();
  });

  test("another bot's issue is not the app's", () => {
    expect(readReviewIssue(reviewNode({ viewerDidAuthor: false, author: { __typename: "Bot", login: "other-app" } }), APP)).toBeNull();
  });

  test("a snooze marker pasted by a human does not snooze; the app's does", () => {
    const pasted = renderSnoozeMarker({ until: "2027-06-01T00:00:00.000Z", by: "mallory", comment: 1 });
    const own = renderSnoozeMarker({ until: "2026-12-01T00:00:00.000Z", by: "mod-mia", comment: 2 });
    const comments = [
      { databaseId: 1, body: pasted, createdAt: "2026-11-02T00:00:00Z", viewerDidAuthor: false, author: { __typename: "User", login: "mallory" } },
      { databaseId: 2, body: own, createdAt: "2026-11-03T00:00:00Z", viewerDidAuthor: true, author: appActor },
    ];
    expect(readReviewIssue(reviewNode({ comments: { nodes: comments } }), APP)?.snooze).toEqual({ until: "2026-12-01T00:00:00.000Z", by: "mod-mia", comment: 2 });
    expect(readReviewIssue(reviewNode({ comments: { nodes: [comments[0]!] } }), APP)?.snooze).toBeNull();
  });
});

describe("retirement: who is a bot", () => {
  const item = (events: GqlItem["timelineItems"]["nodes"], author = { __typename: "User", login: "alice" }): GqlItem => ({
    number: 1, title: "x", url: "u", prState: "OPEN", createdAt: "2026-01-01T00:00:00Z", closedAt: null, updatedAt: "2026-11-01T00:00:00Z", author, timelineItems: { nodes: events },
  });
  const commit = (at: string, name: string | null, login: string | null) => ({
    __typename: "PullRequestCommit", commit: { committedDate: at, author: { name, user: login ? { login } : null } },
  });

  test("commits: a git identity without a GitHub user is a human; `[bot]` names and the app are not", () => {
    expect(readTrackedItem(item([commit("2026-10-01T00:00:00Z", "Jane Doe", null)]), APP).lastHuman).toMatchObject({ actor: "Jane Doe", kind: "commit" });
    expect(readTrackedItem(item([commit("2026-10-01T00:00:00Z", "dependabot[bot]", null)]), APP).lastHuman?.kind).toBe("opened");
    expect(readTrackedItem(item([commit("2026-10-01T00:00:00Z", "convener[bot]", null)]), APP).lastHuman?.kind).toBe("opened");
  });

  test("the app under its GraphQL login, a `[bot]` login typed as User, and a missing actor never count", () => {
    const events = [
      { __typename: "LabeledEvent", createdAt: "2026-11-01T00:00:00Z", actor: { __typename: "User", login: "convener" } },
      { __typename: "IssueComment", createdAt: "2026-11-01T00:00:00Z", author: { __typename: "User", login: "ci[bot]" } },
      { __typename: "ClosedEvent", createdAt: "2026-11-01T00:00:00Z", actor: null },
    ];
    expect(readTrackedItem(item(events), APP).lastHuman).toMatchObject({ actor: "alice", kind: "opened" });
    expect(readTrackedItem(item([], { __typename: "Bot", login: "renovate" }), APP).lastHuman).toBeNull();
  });

  test("a merged pull request reads as merged", () => {
    expect(readTrackedItem({ ...item([]), prState: "MERGED" }, APP).state).toBe("merged");
  });
});

describe("retirement: /keep-active arguments", () => {
  test.each([
    [[], "", "the number of days is missing."],
    [["-5", "x"], "-5 x", "the number of days must be a whole number, not `-5`."],
    [["0", "x"], "0 x", "the number of days must be from 1 to 180, not 0."],
    [["181", "x"], "181 x", "the number of days must be from 1 to 180, not 181."],
    [["30"], "30", "a reason is required, so the next reviewer knows why the group was kept."],
  ])("%j is refused", (args, rest, problem) => {
    expect(parseKeepActive(args, rest, 180)).toEqual({ ok: false, problem });
  });

  test("days and the whole reason", () => {
    expect(parseKeepActive(["30", "SEP", "30", "in", "review"], "30 SEP 30 in review", 180)).toEqual({ ok: true, days: 30, reason: "SEP 30 in review" });
  });
});

describe("retirement: /retire on a review already retired", () => {
  const config = configSchema.parse({});
  const retired = readReviewIssue(
    reviewNode({ state: "OPEN", labels: { nodes: [{ name: "group/retired" }] }, comments: { nodes: [{ databaseId: 1, body: renderMarker(RETIRED_MARKER, { by: "core", at: "2026-11-02T00:00:00Z" }), createdAt: "2026-11-02T00:00:00Z", viewerDidAuthor: true, author: appActor }] } }),
    APP,
  )!;
  const input = (authorised: boolean) => ({
    target: { owner: "o", repo: "r", issue: 900 }, commentId: 77, commentedAt: "2026-11-03T00:00:00Z", author: authorised ? "core" : "rando",
    command: { name: "retire" as const, args: [], rest: "", line: 1 }, authorised, allowed: "core maintainers or lead maintainers",
    review: retired, groupName: "Agents", alreadyReplied: false, charter: null,
  });

  test("a person reopened it: an authorised /retire (or its redelivery) closes it again", () => {
    expect(retired.retired).toBe(true);
    expect(decideRetirementCommand(input(true), config, new Date("2026-11-03T00:00:00Z")).map((a) => a.kind)).toEqual(["issue.update"]);
  });

  test("an unauthorised /retire is refused with one reply and changes nothing", () => {
    const plan = decideRetirementCommand(input(false), config, new Date("2026-11-03T00:00:00Z"));
    expect(plan.map((a) => a.kind)).toEqual(["comment.create"]);
    expect(plan[0]).toMatchObject({ body: expect.stringContaining("can only be used by core maintainers or lead maintainers") });
  });
});
