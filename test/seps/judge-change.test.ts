import { describe, expect, test } from "@jest/globals";
import { readFileSync, readdirSync } from "node:fs";
import { defaultConfig } from "../../src/features/config-schema.js";
import { checkSepFile } from "../../src/features/seps/check-sep-file.js";
import { mapUnchangedLines } from "../../src/features/seps/judge-change.js";
import { readLocalRegistry } from "../../src/features/seps/local-sources.js";
import type { Finding } from "../../src/features/seps/finding.js";
import { CHARTERS_DIR, SEPS_DIR } from "../support/shared-fixtures.js";
import { sepText } from "../support/seps-text.js";
import { fixTypo } from "../support/typo-fix.js";

const NOW = new Date("2026-11-24T12:00:00Z");
const registry = readLocalRegistry(CHARTERS_DIR, defaultConfig);
const keys = (findings: Finding[]) => findings.map((f) => `${f.line}:${f.level}:${f.rule}`);
const finals = readdirSync(SEPS_DIR).filter((f) => /^\d+-.*\.md$/.test(f));
const read = (name: string) => readFileSync(`${SEPS_DIR}/${name}`, "utf8");

/** The check of `head` in a PR against `base` on the base branch (labels as given). */
function judge(name: string, base: string | null, head: string, labels?: string[]): Finding[] {
  return checkSepFile(head, { path: `seps/${name}`, prNumber: 4242, baseText: base, ...(labels ? { labels } : {}), registry }, defaultConfig.seps, NOW);
}

describe("the check judges the change, not the file's history", () => {
  test("the line map: unchanged head lines point at their base lines; changed and added lines are absent", () => {
    const sorted = (map: Map<number, number>) => [...map.entries()].sort((x, y) => x[0] - y[0]);
    expect(sorted(mapUnchangedLines("a\nb\nc\nd\n", "a\nB\nc\nnew\nd"))).toEqual([[1, 1], [3, 3], [5, 4]]);
    expect(mapUnchangedLines("x\r\ny\r\n", "x\ny\n").size).toBe(2); // line endings are not a change
    // Past 200 edits the part between the first and the last change counts as changed; the rest is paired.
    const base = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const head = base.map((l, i) => (i >= 100 && i < 900 && i % 2 === 0 ? `${l} edited` : l));
    const map = mapUnchangedLines(base.join("\n"), head.join("\n"));
    expect(map.size).toBe(100 + 101); // lines 1–100 and 900–1000
    expect([map.get(100), map.get(101), map.get(900), map.get(1000)]).toEqual([100, undefined, 900, 1000]);
  });

  test.each(finals)("a one-word fix in the body of %s has no error and no warning from the file's past", (name) => {
    const base = read(name);
    // Judged whole, as the offline check of the merged file does (its own number, no PR).
    const whole = checkSepFile(base, { path: `seps/${name}`, registry }, defaultConfig.seps, NOW).filter((f) => f.level === "error");
    const fixed = judge(name, base, fixTypo(base).text);
    expect(fixed.filter((f) => f.level === "error")).toEqual([]);
    // Every error the file has when judged whole is still shown, as a notice at the same line.
    expect(keys(fixed.filter((f) => f.level === "notice"))).toEqual(expect.arrayContaining(keys(whole).map((k) => k.replace(":error:", ":notice:"))));
  });

  test("a problem on a line the PR changes is an error: editing the `Sponsor: None` line of a Final SEP", () => {
    const name = "1865-mcp-apps-interactive-user-interfaces-for-mcp.md";
    const base = read(name);
    const head = base.replace("- **Sponsor**: None (seeking sponsor)", "- **Sponsor**: None");
    expect(keys(judge(name, base, head))).toEqual(["10:error:sponsor-required"]);
    // The untouched Sponsor line: a notice that says why it does not block.
    const [kept] = judge(name, base, fixTypo(base).text);
    expect(kept).toMatchObject({ line: 10, level: "notice", rule: "sponsor-required" });
    expect(kept!.message).toMatch(/\(Already so before this pull request, in a part it does not change: not blocking\.\)$/);
  });

  test("a field written over several lines is changed by an edit to any of them", () => {
    // Author(s) on lines 6 and 7, with no handle: an old problem while untouched.
    const base = sepText({ number: 7, fields: { PR: "#7", "Author(s)": "Jane Doe,\n  John Roe" } });
    expect(base.split("\n")[6]).toBe("  John Roe");
    const name = "7-a-useful-change.md";
    expect(keys(judge(name, base, base.replace("Text for Motivation.", "Text for Motivation, fixed.")))).toEqual(["6:notice:authors"]);
    expect(keys(judge(name, base, base.replace("  John Roe", "  John Roe, Ann Poe")))).toEqual(["6:error:authors"]);
  });

  test("a problem the PR brings is an error even where it did not edit the line: removing a section", () => {
    const name = "2133-extensions.md";
    const base = read(name);
    const head = base.replace(/^## Rationale\b/m, "## Reasoning");
    expect(head).not.toBe(base);
    expect(keys(judge(name, base, head)).filter((k) => k.includes(":error:"))).toEqual(["1:error:section-required"]);
  });

  test("a new SEP file is judged whole; a problem moved by an edit above it is still the same problem", () => {
    const draft = sepText({ number: 4242, fields: { Sponsor: "None", PR: "#4242" } });
    expect(keys(judge("4242-a-useful-change.md", null, draft))).toEqual(["7:error:sponsor-required"]);
    const base = sepText({ number: 7, fields: { Sponsor: "None", PR: "#7" }, extraFields: ["- **Requires**: SEP-1", "- **Requires**: SEP-2"] });
    const head = base.replace("- **Type**", "- **Issue**: #1\n- **Type**"); // a field added above: every line below moves
    expect(keys(judge("7-a-useful-change.md", base, head))).toEqual(["8:notice:sponsor-required", "12:notice:field-duplicate"]);
  });

  test("what concerns the PR itself keeps its level: a contradicting label, a status move", () => {
    const name = "2133-extensions.md";
    const base = read(name);
    expect(keys(judge(name, base, fixTypo(base).text, ["draft"])).filter((k) => k.includes("state-label"))).toEqual(["3:error:state-label", "3:warning:state-label"]);
    const moved = base.replace("- **Status**: Final", "- **Status**: Draft");
    expect(keys(judge(name, base, moved)).filter((k) => k.includes(":error:"))).toEqual(["3:error:status-transition", "7:error:sponsor-required"]);
  });
});
