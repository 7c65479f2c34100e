import { describe, expect, test } from "@jest/globals";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCheckSeps } from "../../src/cli/check-seps.js";
import { MAX_CONFIG_BYTES } from "../../src/config/read-config-text.js";
import { configSchema, defaultConfig, readConfigText } from "../../src/features/config-schema.js";
import type { PushedAgenda } from "../../src/features/meetings/gather.js";
import { readAgenda } from "../../src/features/meetings/read-agenda.js";
import { checkSepFile } from "../../src/features/seps/check-sep-file.js";
import { buildRegistry } from "../../src/registry/load-registry.js";
import { charterEntries } from "../support/registry-fixtures.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { sepText } from "../support/seps-text.js";

/**
 * Files past their size limit are refused with one message naming the file, its size and the limit
 * (and the setting that moves it), before any parsing: the parsers are only measured up to there.
 */
const NOW = new Date("2026-06-01T12:00:00Z");
const SEP_PATH = "seps/1234-a-useful-change.md";
/** A valid SEP padded with a long Abstract to `bytes` bytes. */
const sepOf = (bytes: number) => {
  const text = sepText();
  return text + "\n" + "a".repeat(bytes - text.length - 1);
};

describe("SEP files", () => {
  test("a SEP over `seps.maxFileBytes` gets one file-size error naming the file, its size and the limit", () => {
    expect(checkSepFile(sepOf(262_145), { path: SEP_PATH, prNumber: 1234 }, defaultConfig.seps, NOW)).toEqual([{
      rule: "file-size", level: "error", line: 1,
      message: "seps/1234-a-useful-change.md is 262,145 bytes; SEP files may be at most 262,144 bytes (the limit is `seps.maxFileBytes` in .github/convener.yml). The file was not read.",
    }]);
  });

  test("the limit counts UTF-8 bytes, as GitHub does, not characters", () => {
    const text = sepText() + "\n" + "é".repeat(131_000); // under 262,144 characters, over 262,144 bytes
    const findings = checkSepFile(text, { path: SEP_PATH, prNumber: 1234 }, defaultConfig.seps, NOW);
    expect(findings.map((f) => f.rule)).toEqual(["file-size"]);
  });

  test("a SEP at the limit is read, and a community may raise the limit", () => {
    const atLimit = checkSepFile(sepOf(262_144), { path: SEP_PATH, prNumber: 1234 }, defaultConfig.seps, NOW);
    expect(atLimit.map((f) => f.rule)).not.toContain("file-size");
    const raised = configSchema.parse({ seps: { maxFileBytes: 1_000_000 } }).seps;
    expect(checkSepFile(sepOf(500_000), { path: SEP_PATH, prNumber: 1234 }, raised, NOW).map((f) => f.rule)).not.toContain("file-size");
  });

  test("`convener check-seps` reports the oversized file and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "file-limits-"));
    mkdirSync(join(dir, "seps"));
    writeFileSync(join(dir, SEP_PATH), sepOf(300_000));
    let stdout = "";
    const code = await runCheckSeps([SEP_PATH], { stdout: (t) => void (stdout += t), stderr: () => {}, cwd: dir, now: NOW });
    expect(code).toBe(1);
    expect(stdout).toBe(`${SEP_PATH}:1: error: file-size: ${SEP_PATH} is 300,000 bytes; SEP files may be at most 262,144 bytes (the limit is \`seps.maxFileBytes\` in .github/convener.yml). The file was not read.\n`);
  });
});

describe("charter files", () => {
  test("a charter over `registry.maxCharterBytes` is a registry problem naming it, and is not read as a group", () => {
    const [real] = charterEntries("working-groups");
    const big = { ...real!, name: "huge.mdx", object: { text: real!.object!.text + "x".repeat(32_768), isTruncated: false } };
    const bytes = Buffer.byteLength(big.object.text).toLocaleString("en");
    const registry = buildRegistry("f".repeat(40), [{ folder: "docs/community/working-groups", kind: "wg", entries: [real!, big] }], undefined, defaultConfig.registry.maxCharterBytes);
    expect(registry.groups.map((g) => g.path)).toEqual([`docs/community/working-groups/${real!.name}`]);
    expect(registry.problems).toEqual([{
      path: "docs/community/working-groups/huge.mdx", line: 1,
      message: `docs/community/working-groups/huge.mdx is ${bytes} bytes; charter files may be at most 32,768 bytes (the limit is \`registry.maxCharterBytes\` in .github/convener.yml). The file was not read.`,
    }]);
  });
});

describe("agenda files", () => {
  test("a pushed agenda over `meetings.maxAgendaBytes` is refused with its path, size and the limit", () => {
    const content = agendaText("2027-03-15", { body: "- x\n".repeat(20_000) });
    const file: PushedAgenda = { path: "meetings/auth-ig/2027-03-15.md", tag: "auth-ig", date: "2027-03-15", content, bytes: Buffer.byteLength(content), binary: false };
    const check = readAgenda(file, [{ tag: "auth-ig", name: "Auth IG" }], 65_536);
    expect(check.kind === "invalid" && check.problems).toEqual([{
      path: "meetings/auth-ig/2027-03-15.md", line: 1,
      message: `meetings/auth-ig/2027-03-15.md is ${file.bytes.toLocaleString("en")} bytes; agenda files may be at most 65,536 bytes (the limit is \`meetings.maxAgendaBytes\` in .github/convener.yml). The file was not read.`,
    }]);
  });
});

describe("the configuration file", () => {
  test(`a configuration over ${MAX_CONFIG_BYTES} bytes is refused before its YAML is read`, () => {
    const text = "# " + "x".repeat(MAX_CONFIG_BYTES) + "\n";
    expect(readConfigText(text, ".github/convener.yml")).toEqual({
      ok: false,
      problems: [{ key: "(file)", message: ".github/convener.yml is 16,387 bytes; configuration files may be at most 16,384 bytes. The file was not read." }],
    });
  });

  test("`check-seps --config` names the oversized file and exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "file-limits-"));
    writeFileSync(join(dir, "big.yml"), "# " + "x".repeat(MAX_CONFIG_BYTES));
    let stderr = "";
    const code = await runCheckSeps(["--config", join(dir, "big.yml"), "x.md"], { stdout: () => {}, stderr: (t) => void (stderr += t), cwd: dir, now: NOW });
    expect(code).toBe(2);
    expect(stderr).toContain("big.yml is 16,386 bytes; configuration files may be at most 16,384 bytes");
  });
});
