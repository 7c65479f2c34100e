import { describe, expect, test } from "@jest/globals";
import { configSchema, defaultConfig } from "../../src/features/config-schema.js";
import { decideSeps } from "../../src/features/seps/decide.js";
import type { SepsInput } from "../../src/features/seps/gather.js";
import { sepText } from "../support/seps-text.js";

const NOW = new Date("2026-06-01T00:00:00Z");
const repo = { owner: "mcp", repo: "spec" };

function input(overrides: Partial<SepsInput["pulls"][number]> = {}): SepsInput {
  return {
    repo,
    pulls: [{
      number: 1234, headSha: "abc", latestRun: null, labels: ["SEP", "in-review"], skippedFiles: [], unlistedFiles: 0,
      files: [{ path: "seps/1234-a-useful-change.md", text: sepText({ fields: { "Working Group": null } }), baseText: null }],
      ...overrides,
    }],
    sponsorRoles: {},
    registry: null,
    trigger: { externalId: "delivery-1", rerequested: false },
  };
}

describe("decideSeps", () => {
  test("one new check run per PR, completed at decide's now and carrying the delivery id", () => {
    const plan = decideSeps(input(), defaultConfig, NOW);
    expect(plan).toEqual([expect.objectContaining({
      kind: "check.create", name: "SEP metadata", headSha: "abc", externalId: "delivery-1", conclusion: "failure", completedAt: "2026-06-01T00:00:00.000Z",
    })]);
  });

  test("by default a wrong state label is reported, not changed", () => {
    const plan = decideSeps(input(), defaultConfig, NOW);
    expect(plan.map((a) => a.kind)).toEqual(["check.create"]);
    const check = plan[0] as Extract<(typeof plan)[number], { kind: "check.create" }>;
    expect(check.annotations.map((a) => a.title)).toEqual(["state-label", "state-label", "working-group"]);
    expect(check.annotations[0]!.message).toContain("the sponsor updates it");
  });

  test("with seps.syncLabels the state label follows the Status", () => {
    const config = configSchema.parse({ seps: { syncLabels: true } });
    const plan = decideSeps(input(), config, NOW);
    expect(plan.slice(1)).toEqual([
      expect.objectContaining({ kind: "labels.add", target: { ...repo, issue: 1234 }, labels: ["draft"] }),
      expect.objectContaining({ kind: "label.remove", label: "in-review" }),
    ]);
    expect(decideSeps(input({ labels: ["draft"] }), config, NOW).slice(1)).toEqual([]); // idempotent
  });

  test("a file GitHub returned no text for (binary, too large) is an error, not a crash", () => {
    const plan = decideSeps(input({ files: [{ path: "seps/1234-x.md", text: null, baseText: null }] }), defaultConfig, NOW);
    const check = plan[0] as Extract<(typeof plan)[number], { kind: "check.create" }>;
    expect(check.annotations).toEqual([expect.objectContaining({ title: "file", annotation_level: "failure", start_line: 1 })]);
  });

  test("hostile text: mentions, markers and HTML only appear inside code spans", () => {
    const text = sepText({ fields: { Status: "@everyone <!-- convener:x --> <img src=x>", "Working Group": null } });
    const plan = decideSeps(input({ labels: [], files: [{ path: "seps/1234-a.md", text, baseText: null }] }), defaultConfig, NOW);
    const check = plan[0] as Extract<(typeof plan)[number], { kind: "check.create" }>;
    const outsideCode = check.summary.replace(/`[^`\n]*`/g, "");
    expect(outsideCode).not.toMatch(/@everyone|<!--|<img/);
    expect(check.summary).toContain("Status `@everyone` is not allowed"); // inline HTML is dropped from values
    expect(check.summary).not.toMatch(/<img|<!--/);
  });
});
