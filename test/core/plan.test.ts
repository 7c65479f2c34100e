import { describe, expect, test } from "@jest/globals";
import { describeAction, planLabels, planStickyComment, type Action } from "../../src/core/plan.js";

const target = { owner: "o", repo: "r", issue: 3 };

describe("planStickyComment", () => {
  test("no comment yet: create one, carrying the marker key", () => {
    expect(planStickyComment(target, "intake", "body", null, "why")).toEqual([
      { kind: "comment.create", target, body: "body", marker: "intake", reason: "why" },
    ]);
  });

  test("same text (trailing whitespace aside): nothing to do", () => {
    expect(planStickyComment(target, "intake", "body\n", { id: 9, body: "body" }, "why")).toEqual([]);
  });

  test("different text: edit that comment in place", () => {
    expect(planStickyComment(target, "intake", "new", { id: 9, body: "old" }, "why")).toEqual([
      { kind: "comment.update", target, commentId: 9, body: "new", reason: "why" },
    ]);
  });
});

describe("planLabels", () => {
  test("adds only the missing labels, in one action", () => {
    expect(planLabels(target, ["bug", "group/ready"], ["group/ready", "group-request"], [], "why")).toEqual([
      { kind: "labels.add", target, labels: ["group-request"], reason: "why" },
    ]);
  });

  test("GitHub label names are case-insensitive: a label present in another case is not added again", () => {
    expect(planLabels(target, ["Group/Ready"], ["group/ready"], [], "why")).toEqual([]);
  });

  test("removes an unwanted label only when present, and never one that is also wanted", () => {
    expect(planLabels(target, ["group/needs-changes", "x"], ["group/ready"], ["group/needs-changes", "absent", "group/ready"], "why")).toEqual([
      { kind: "labels.add", target, labels: ["group/ready"], reason: "why" },
      { kind: "label.remove", target, label: "group/needs-changes", reason: "why" },
    ]);
  });

  test("the state already reached: an empty plan (a redelivery writes nothing)", () => {
    expect(planLabels(target, ["group/ready"], ["group/ready"], ["group/needs-changes"], "why")).toEqual([]);
  });
});

describe("describeAction: one line per action for the dry-run log", () => {
  const repo = { owner: "o", repo: "r" };
  test.each<[Action, string]>([
    [{ kind: "comment.create", target, body: "b", reason: "r" }, "comment.create o/r#3: post comment — r"],
    [{ kind: "comment.update", target, commentId: 5, body: "b", reason: "r" }, "comment.update o/r#3: edit comment 5 — r"],
    [{ kind: "comment.delete", target, commentId: 5, reason: "r" }, "comment.delete o/r#3: delete comment 5 — r"],
    [{ kind: "labels.add", target, labels: ["a", "b"], reason: "r" }, "labels.add o/r#3: add labels a, b — r"],
    [{ kind: "label.remove", target, label: "a", reason: "r" }, "label.remove o/r#3: remove label a — r"],
    [{ kind: "issue.update", target, state: "closed", reason: "r" }, "issue.update o/r#3: update issue (state closed) — r"],
    [{ kind: "issue.create", target: repo, title: "T", body: "b", labels: [], marker: "m", reason: "r" }, 'issue.create o/r: open issue "T" — r'],
    [{ kind: "commit.comment", target: repo, sha: "0123456789", body: "b", reason: "r" }, "commit.comment o/r: comment on commit 0123456 — r"],
    [
      { kind: "check.create", target: repo, name: "SEP metadata", headSha: "0123456789", conclusion: "failure", completedAt: "2026-06-01T00:00:00.000Z", title: "t", summary: "s", annotations: [], reason: "r" },
      'check.create o/r: new check run "SEP metadata" on 0123456 → failure (0 annotations) — r',
    ],
  ])("%#", (action, line) => {
    expect(describeAction(action)).toBe(line);
  });
});
