import { describe, expect, test } from "@jest/globals";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConfigProblem } from "../../src/config/parse-config.js";
import { parseMarkers, renderMarker } from "../../src/core/markers.js";
import { expectGolden, expectTemplateGolden } from "./expect-golden.js";

describe("the golden harness", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "convener-golden-"));

  test("UPDATE_GOLDEN writes the file; the next run compares equal", () => {
    const d = dir();
    expectGolden("hello", "Hello\n", { dir: d, update: true });
    expect(readFileSync(join(d, "hello.md"), "utf8")).toBe("Hello\n");
    expect(() => expectGolden("hello", "Hello\n", { dir: d, update: false })).not.toThrow();
  });

  test("a different rendering fails, saying how to update", () => {
    const d = dir();
    writeFileSync(join(d, "hello.md"), "Hello\n");
    expect(() => expectGolden("hello", "Hello there\n", { dir: d, update: false })).toThrow(/UPDATE_GOLDEN=1.*review/);
    expect(() => expectGolden("hello", "Hello\n\n", { dir: d, update: false })).toThrow(); // whitespace counts
  });

  test("a missing golden file fails (never silently created without UPDATE_GOLDEN)", () => {
    const d = dir();
    expect(() => expectGolden("absent", "x", { dir: d, update: false })).toThrow(/missing.*UPDATE_GOLDEN=1/);
    expect(existsSync(join(d, "absent.md"))).toBe(false);
  });

  test("UPDATE_GOLDEN=1 in the environment is the default for `update`", () => {
    const d = dir();
    const saved = process.env.UPDATE_GOLDEN;
    process.env.UPDATE_GOLDEN = "1";
    try {
      expectGolden("env", "from env\n", { dir: d });
    } finally {
      if (saved === undefined) delete process.env.UPDATE_GOLDEN;
      else process.env.UPDATE_GOLDEN = saved;
    }
    expect(readFileSync(join(d, "env.md"), "utf8")).toBe("from env\n");
  });
});

describe("golden: config-error", () => {
  const marker = renderMarker("config-error");

  test("typical problems: an unknown key, a wrong type, a bad list entry", () => {
    const problems: ConfigProblem[] = [
      { key: "intake.labels.redy", message: "unknown key; check the spelling against the configuration reference" },
      { key: "dryRun", message: "Invalid input: expected boolean, received string" },
      { key: "roles.moderators.1", message: "must be a GitHub user (`alice`) or an org team (`org/team-slug`)" },
    ];
    const text = expectTemplateGolden("config-error", { marker, problems }, "config-error");
    expect(parseMarkers(text)).toEqual([{ key: "config-error", data: {} }]);
  });

  test("a YAML error in the file", () => {
    const problems: ConfigProblem[] = [
      {
        key: "(file)",
        message:
          "line 2 of https://github.com/mcp/specification/blob/HEAD/.github/convener.yml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      },
    ];
    expectTemplateGolden("config-error", { marker, problems }, "config-error-yaml");
  });

  test("hostile keys and messages are escaped: no mention, no HTML, no second marker", () => {
    const problems: ConfigProblem[] = [
      { key: "@everyone <b>", message: "unknown key" },
      { key: "roles", message: '<!-- convener:intake {"v":1} --> ping @modelcontextprotocol/core-maintainers\n\n# heading' },
    ];
    const text = expectTemplateGolden("config-error", { marker, problems }, "config-error-hostile");
    expect(parseMarkers(text)).toEqual([{ key: "config-error", data: {} }]);
    expect(text).not.toMatch(/@[A-Za-z0-9]/);
    expect(text).not.toContain("<b>");
    expect(text).not.toMatch(/^# heading/m);
  });
});
