import { describe, expect, test } from "@jest/globals";
import { createSweepRunner } from "../../sandbox/src/bench/product-sweep.js";
import { benchRetirement } from "../../sandbox/src/bench/retirement.js";
import { features } from "../../src/features/index.js";
import { runSweep } from "../../src/sweep/run-sweep.js";

/** The product's real sweep runner, retirement job only (the bench's other sections measure the rest). */
const sweep = createSweepRunner({ runSweep, features }, ["retirement"]);

describe("retirement benchmark (50 WGs, 5,000 tracked items, local stand-in over HTTP)", () => {
  test("activity reads stay within one request per 10 WGs; writes are the review issues and their leads comments only", async () => {
    const result = await benchRetirement(sweep);
    if (process.env.BENCH_PRINT) console.log(JSON.stringify({ ...result, reviewTitles: result.reviewTitles.length }, null, 2));
    const [first, second] = result.sweeps;
    expect(result.trackedItems).toBe(5000);
    expect(result.withinBudget).toBe(true);
    expect(first!.activityReads).toBe(5);
    expect(first!.registryReads).toBe(1);
    expect(first!.reviewsOpened).toBe(20); // 8 stale by time + 7 bot-only + 5 with nothing open
    expect(first!.writes).toBe(40); // each review, then its one leads comment
    const flagged = Array.from({ length: 20 }, (_, i) => `[retirement] Bench ${30 + i}`);
    expect(result.reviewTitles.sort()).toEqual(flagged.sort());
    expect(second!.activityReads).toBe(5);
    expect(second!.writes).toBe(0);
  }, 60_000);

  test("the activity request count does not grow with the number of items", async () => {
    const small = await benchRetirement(sweep, { wgs: 20, itemsPerWg: 10 });
    const large = await benchRetirement(sweep, { wgs: 20, itemsPerWg: 250 });
    expect(small.sweeps.map((s) => s.activityReads)).toEqual([2, 2]);
    expect(large.sweeps.map((s) => s.activityReads)).toEqual([2, 2]);
  }, 60_000);
});
