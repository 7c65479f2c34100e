import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { renderMarker } from "../../src/core/markers.js";
import { reviewMarkerKey } from "../../src/features/retirement/review-issue.js";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import type { Issue } from "../../sandbox/src/state.js";
import { CONFIG, LEADS, REPO, runSweepProcess, seedThreeWorkingGroups, SWEEP_TOKEN } from "../support/retirement-stand-in.js";

/**
 * Sweeps that race, against the GitHub stand-in: `convener sweep --confirm` as real processes (the
 * CLI an external scheduler runs) and the server's HTTP trigger, all started at the same moment;
 * a repository left with duplicate reviews by earlier sweeps; and the write cap's report. All three
 * WGs are stale here (Agents' last human activity was 40 days ago). Needs a current build.
 */
const CANDIDATE = "group/retirement-candidate";
const TAGS = Object.keys(LEADS);

function world(h: Harness) {
  const issues = () => [...h.standIn.control.repoOf(REPO).issues.values()];
  const reviews = () => issues().filter((i) => i.title.startsWith("[retirement]"));
  const reviewsOf = (tag: string) => reviews().filter((i) => i.labels.includes(tag));
  const appComments = (i: Issue) => i.comments.filter((c) => c.user === "convener[bot]");
  /** Every notification of `login` in the repository: issue bodies and every comment. */
  const mentions = (login: string) => {
    const pattern = new RegExp(`@${login}\\b`, "g");
    return issues().flatMap((i) => [i.body ?? "", ...i.comments.map((c) => c.body)]).reduce((n, text) => n + (text.match(pattern)?.length ?? 0), 0);
  };
  const httpSweep = async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { planned: number; applied: number; left: number };
  };
  return { issues, reviews, reviewsOf, appComments, mentions, httpSweep };
}

/** Each WG has one open review, and every other review of it was closed by the app with a link to that one. */
function expectOneOpenReviewPerWg(w: ReturnType<typeof world>): void {
  for (const tag of TAGS) {
    const all = w.reviewsOf(tag);
    const open = all.filter((i) => i.state === "open");
    expect(open).toHaveLength(1);
    const survivor = open[0]!;
    for (const duplicate of all.filter((i) => i !== survivor)) {
      expect(duplicate.number).toBeGreaterThan(survivor.number); // the oldest wins
      expect(duplicate.state_reason).toBe("not_planned");
      expect(w.appComments(duplicate).map((c) => c.body).join("\n")).toContain(`duplicate of #${survivor.number}`);
    }
  }
}

describe("two sweep processes and the HTTP trigger, started at the same moment", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: (s) => seedThreeWorkingGroups(s, { agentsIdleDays: 40 }), env: { SWEEP_TOKEN } });
  }, 180_000);
  afterAll(async () => h?.stop());

  test("one open review per WG, each lead mentioned exactly once, duplicates closed with a link to the survivor", async () => {
    const w = world(h);
    // The first creates answer slowly, so every sweep's re-check runs before any create lands: they race for real.
    h.standIn.faults.delay({ method: "POST", path: /\/issues$/ }, 1500, 3);
    const [a, b, http] = await Promise.all([runSweepProcess(h, ["--confirm"]), runSweepProcess(h, ["--confirm"]), w.httpSweep()]);
    await h.standIn.settle();
    if (process.env.E2E_DEBUG) console.log(a.out, b.out, http, w.reviews().map((i) => `#${i.number} ${i.state} ${i.labels.join(",")}`));
    expect([a.code, b.code]).toEqual([0, 0]);

    expectOneOpenReviewPerWg(w);
    expect(w.reviews().length).toBeGreaterThan(TAGS.length); // the race did open duplicates, and they were closed
    for (const lead of Object.values(LEADS).flat()) expect([lead, w.mentions(lead)]).toEqual([lead, 1]);
    for (const tag of TAGS) {
      const survivor = w.reviewsOf(tag).find((i) => i.state === "open")!;
      expect(survivor.body).not.toMatch(/@\w/); // the leads are named without a mention; the comment notifies them
      expect(w.appComments(survivor).filter((c) => c.body.includes("convener:retirement-leads"))).toHaveLength(1);
    }

    // A later sweep finds nothing to do.
    const from = h.standIn.requests.length;
    expect(await w.httpSweep()).toMatchObject({ planned: 0, applied: 0, left: 0 });
    expect(h.standIn.requestsSince(from).filter((r) => r.write)).toEqual([]);
  }, 90_000);
});

describe("a repository left with duplicate reviews by earlier sweeps", () => {
  let h: Harness;
  const numbers: Record<string, number[]> = {};
  beforeAll(async () => {
    h = await startHarness({
      env: { SWEEP_TOKEN },
      seed: (s) => {
        seedThreeWorkingGroups(s, { agentsIdleDays: 40 });
        // Reviews as the sweeps before this fix wrote them (the leads mentioned in the body): three for
        // Server Card, two for File Uploads.
        const flaggedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
        const open = (tag: string, name: string) =>
          s.control.as("convener[bot]", REPO).openIssue(
            `[retirement] ${name}`,
            `${renderMarker(reviewMarkerKey(tag, flaggedAt), { tag, flaggedAt })}\n### Is the ${name} Working Group still active?\n\nLeads: ${LEADS[tag]!.map((l) => `@${l}`).join(", ")}, please take a look.\n`,
            [CANDIDATE, tag],
          ).number;
        for (const [tag, name, copies] of [["server-card-wg", "Server Card", 3], ["file-uploads-wg", "File Uploads", 2]] as const) {
          numbers[tag] = Array.from({ length: copies }, () => open(tag, name));
        }
        // Agents: a review as this fix writes it, two hours old, whose run stopped before its leads comment.
        const agents = s.control.as("convener[bot]", REPO).openIssue(
          "[retirement] Agents",
          `${renderMarker(reviewMarkerKey("agents-wg", flaggedAt), { tag: "agents-wg", flaggedAt, mentions: "comment" })}\n### Is the Agents Working Group still active?\n`,
          [CANDIDATE, "agents-wg"],
        );
        s.control.age(REPO, agents.number, 2 * 3_600_000);
        numbers["agents-wg"] = [agents.number];
      },
    });
  }, 180_000);
  afterAll(async () => h?.stop());

  test("one sweep closes every duplicate (oldest kept, linked), mentions only the leads never mentioned, opens nothing", async () => {
    const w = world(h);
    const before = Object.fromEntries(Object.values(LEADS).flat().map((l) => [l, w.mentions(l)]));
    expect(before).toMatchObject({ LucaButBoring: 0, CaitieM20: 0, "dsp-ant": 3, localden: 2 });
    const report = await w.httpSweep();
    await h.standIn.settle();
    // Three duplicates (a linking comment and a close each), and the Agents leads comment.
    expect(report).toMatchObject({ applied: 7, left: 0 });
    expectOneOpenReviewPerWg(w);
    for (const [tag, seeded] of Object.entries(numbers)) {
      expect(w.reviewsOf(tag).find((i) => i.state === "open")!.number).toBe(seeded[0]);
      expect(w.reviewsOf(tag)).toHaveLength(seeded.length); // closed, never deleted; no new review
    }
    expect(Object.fromEntries(Object.values(LEADS).flat().map((l) => [l, w.mentions(l)]))).toEqual({ ...before, LucaButBoring: 1, CaitieM20: 1 });
    expect(await w.httpSweep()).toMatchObject({ planned: 0, applied: 0 });
  }, 180_000);
});

describe("the write cap: what waits is reported, and the next sweeps do it", () => {
  let h: Harness;
  // The retirement feature's own (deprecated) limit is still honoured, and what it defers is now counted.
  const config = `${CONFIG}retirement:\n  maxWritesPerRun: 1\n`;
  beforeAll(async () => {
    h = await startHarness({ seed: (s) => seedThreeWorkingGroups(s, { agentsIdleDays: 40, config }), env: { SWEEP_TOKEN } });
  }, 180_000);
  afterAll(async () => h?.stop());

  const summary = (out: string) => /sweep: (\d+) planned, (\d+) applied, (\d+) left for the next run/.exec(out)!.slice(1).map(Number);

  test("the run's cap (--max-writes 1) and then the job's own cap each report exactly the WGs they defer", async () => {
    const w = world(h);
    const first = await runSweepProcess(h, ["--confirm", "--max-writes", "1"]);
    expect(first.code).toBe(0);
    expect(summary(first.out)).toEqual([3, 1, 2]);
    expect(first.out).toContain("1 applied, 2 left for the next run");
    expect(w.reviews()).toHaveLength(1);

    expect(summary((await runSweepProcess(h, ["--confirm"])).out)).toEqual([2, 1, 1]); // retirement.maxWritesPerRun: 1
    expect(w.reviews()).toHaveLength(2);
    expect(summary((await runSweepProcess(h, ["--confirm"])).out)).toEqual([1, 1, 0]);
    await h.standIn.settle();
    expectOneOpenReviewPerWg(w);
    expect(summary((await runSweepProcess(h, ["--confirm"])).out)).toEqual([0, 0, 0]);
  }, 180_000);
});
