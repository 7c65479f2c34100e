import { describe, expect, test } from "@jest/globals";
import type { Action, Plan } from "../../src/core/plan.js";
import { listUnits, splitAtCap } from "../../src/core/sweep.js";

const action = (issue: number): Action => ({ kind: "label.remove", target: { owner: "o", repo: "r", issue }, label: "x", reason: "r" });
const unit = (...issues: number[]): Plan => issues.map(action);

describe("the sweep's one write cap", () => {
  test("a plain plan is capped action by action; what does not fit is left, counted", () => {
    const { now, left } = splitAtCap(listUnits(unit(1, 2, 3, 4, 5)), 3);
    expect(now.map((a) => a.target)).toEqual([1, 2, 3].map((issue) => ({ owner: "o", repo: "r", issue })));
    expect(left).toHaveLength(2);
  });

  test("units go whole or wait whole, and nothing skips ahead of a unit that did not fit", () => {
    const { now, left } = splitAtCap(listUnits({ units: [unit(1), unit(2, 3, 4), unit(5)] }), 3);
    expect(now).toHaveLength(1);
    expect(left).toHaveLength(4); // planned = applied + left
  });

  test("a cap of 0 leaves everything", () => {
    expect(splitAtCap(listUnits({ units: [unit(1), unit(2)] }), 0)).toEqual({ now: [], left: unit(1, 2) });
  });
});
