import { describe, expect, test } from "@jest/globals";
import { defaultConfig } from "../../src/features/config-schema.js";
import { checkConfigText, CHECK_NAME, decideConfigCheck } from "../../src/features/config-check/decide.js";
import { explainProblem } from "../../src/features/config-check/locate-problems.js";

const BAD = [
  "# our community's rules",
  "dryRun: yes please",
  "sweep:",
  "  maxWritesPerRun: 0",
  "votes:",
  "  days: 3",
  "",
].join("\n");

describe("config as a check: problems at their line and column", () => {
  test("each problem is placed where it is written, in maintainer language", () => {
    expect(checkConfigText(BAD)).toEqual([
      { key: "dryRun", line: 2, column: 1, message: "must be true or false, not text" },
      { key: "sweep.maxWritesPerRun", line: 4, column: 3, message: "must be at least 1" },
      { key: "votes", line: 5, column: 1, message: "unknown key; check the spelling against the configuration reference" },
    ]);
  });

  test("a YAML error is one problem at its line", () => {
    const [problem, ...more] = checkConfigText("dryRun: false\nsweep: [\n");
    expect(more).toEqual([]);
    expect(problem!.line).toBeGreaterThanOrEqual(2);
    expect(problem!.key).toBe("(file)");
  });

  test("a valid file has none", () => {
    expect(checkConfigText("dryRun: false\nsweep:\n  maxWritesPerRun: 10\n")).toEqual([]);
  });

  test("the check run: failure with one annotation per problem and a link to the reference; success when valid", () => {
    const input = { target: { owner: "o", repo: "r" }, headSha: "a".repeat(40), deliveryId: "d1", tooLarge: false };
    const [failed] = decideConfigCheck({ ...input, text: BAD }, defaultConfig, new Date(0)) as any[];
    expect(failed).toMatchObject({ kind: "check.create", name: CHECK_NAME, conclusion: "failure", title: "3 configuration problems" });
    expect(failed.annotations.map((a: any) => [a.path, a.start_line, a.message])).toEqual([
      [".github/convener.yml", 2, "Line 2, column 1: `dryRun` must be true or false, not text"],
      [".github/convener.yml", 4, "Line 4, column 3: `sweep.maxWritesPerRun` must be at least 1"],
      [".github/convener.yml", 5, "Line 5, column 1: `votes` unknown key; check the spelling against the configuration reference"],
    ]);
    expect(failed.summary).toMatch(/configuration reference\]\(https:\/\/github\.com\/convener-app\/convener\/blob\/main\/README\.md#configuration\)/);
    const [ok] = decideConfigCheck({ ...input, text: "dryRun: false\n" }, defaultConfig, new Date(0)) as any[];
    expect(ok).toMatchObject({ conclusion: "success", title: "Configuration valid", annotations: [] });
  });

  test("zod's wording is translated; the schema's own messages pass through", () => {
    expect(explainProblem("Invalid input: expected number, received string")).toBe("must be a number, not text");
    expect(explainProblem("Invalid input: expected int, received number")).toBe("must be a whole number");
    expect(explainProblem('Invalid option: expected one of "a"|"b"')).toBe("must be one of `a`, `b`");
    expect(explainProblem("must be a GitHub user")).toBe("must be a GitHub user");
  });
});
