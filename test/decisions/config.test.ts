import { describe, expect, test } from "@jest/globals";
import { defaultConfig, parseConfig } from "../../src/features/config-schema.js";
import { parseDuration } from "../../src/features/decisions/config.js";

describe("decisions and sweep configuration", () => {
  test("defaults are the MCP rules", () => {
    expect(defaultConfig.decisions).toMatchObject({
      policy: "vote",
      voteDuration: "72h",
      threshold: 0.5,
      quorum: 0,
      denominator: "electorate",
      reminderBefore: "24h",
      sponsorship: { coreMaintainers: 2, leadMaintainers: 1 },
      labels: { voteOpen: "vote/open", votePassed: "vote/passed", voteFailed: "vote/failed", approved: "group/approved", vetoed: "group/vetoed", veto: "veto" },
    });
    expect(defaultConfig.sweep.maxWritesPerRun).toBe(30);
    expect(parseDuration("72h")).toBe(72 * 3_600_000);
    expect(parseDuration("3d")).toBe(72 * 3_600_000);
    expect(parseDuration("90m")).toBe(90 * 60_000);
  });

  test.each([
    [{ decisions: { voteDuration: "72 hours" } }, "decisions.voteDuration", /m, h or d/],
    [{ decisions: { policy: "poll" } }, "decisions.policy", /vote|sponsorship/],
    [{ decisions: { threshold: 2 } }, "decisions.threshold", /1/],
    [{ decisions: { labels: { veto: "" } } }, "decisions.labels.veto", /./],
    [{ decisions: { quorom: 2 } }, "decisions.quorom", /unknown key/],
    [{ sweep: { maxWritesPerRun: 0 } }, "sweep.maxWritesPerRun", /1/],
  ])("%j is refused at %s", (raw, key, message) => {
    const result = parseConfig(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.key === key);
    expect(problem).toBeDefined();
    expect(problem!.message).toMatch(message);
  });
});
