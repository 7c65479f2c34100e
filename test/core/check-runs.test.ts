import { describe, expect, test } from "@jest/globals";
import { planCheckRun, type LatestCheckRun } from "../../src/core/check-runs.js";

const run = {
  target: { owner: "o", repo: "r" }, name: "SEP metadata", headSha: "abc", conclusion: "failure" as const,
  completedAt: "2026-06-01T00:00:00.000Z", title: "1 error, 0 warnings", summary: "### ❌ …\n", annotations: [], reason: "r",
};
const latest = (over: Partial<LatestCheckRun> = {}): LatestCheckRun => ({
  id: 7, status: "COMPLETED", conclusion: "FAILURE", title: run.title, summary: run.summary, externalId: "d0", ...over,
});
const kinds = (plan: { kind: string }[]) => plan.map((a) => a.kind);

describe("planCheckRun: one new run per evaluation, none that would repeat the latest", () => {
  test("no run yet: a new one, carrying the delivery id", () => {
    expect(planCheckRun(run, null, { externalId: "d1", rerequested: false })).toEqual([{ kind: "check.create", ...run, externalId: "d1" }]);
  });

  test("the latest run shows the same result: nothing (a redelivery, an edit that changes nothing)", () => {
    expect(planCheckRun(run, latest(), { externalId: "d1", rerequested: false })).toEqual([]);
  });

  test("a different result on the same head: a new run (never an update of the old one)", () => {
    expect(kinds(planCheckRun(run, latest({ title: "Passed", conclusion: "SUCCESS" }), { externalId: "d1", rerequested: false }))).toEqual(["check.create"]);
    expect(kinds(planCheckRun(run, latest({ summary: "other" }), { externalId: "d1", rerequested: false }))).toEqual(["check.create"]);
  });

  test("a re-run request makes a new run even when nothing changed, but its redelivery does not", () => {
    expect(kinds(planCheckRun(run, latest(), { externalId: "d2", rerequested: true }))).toEqual(["check.create"]);
    expect(planCheckRun(run, latest({ externalId: "d2" }), { externalId: "d2", rerequested: true })).toEqual([]);
  });

  test("a run left in progress (a create whose later batches failed) is replaced by a complete one", () => {
    expect(kinds(planCheckRun(run, latest({ status: "IN_PROGRESS", externalId: "d1" }), { externalId: "d1", rerequested: false }))).toEqual(["check.create"]);
  });
});
