import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { readFileSync, readdirSync } from "node:fs";
import { startSepWorld, type SepWorld } from "../support/sep-stand-in.js";
import { SEPS_DIR } from "../support/shared-fixtures.js";
import { fixTypo } from "../support/typo-fix.js";

const finals = readdirSync(SEPS_DIR).filter((f) => /^\d+-.*\.md$/.test(f)).sort();

/**
 * The 41 merged Final SEPs on the default branch, as in the MCP repository; a pull request per SEP
 * that changes one word of its body. Most of these files break today's rules (they were written
 * before them): the check must not fail a typo fix for that.
 */
describe("a typo fix to any merged Final SEP passes the SEP metadata check", () => {
  let w: SepWorld;
  beforeAll(async () => {
    w = await startSepWorld({ files: Object.fromEntries(finals.map((name) => [`seps/${name}`, readFileSync(`${SEPS_DIR}/${name}`, "utf8")])) });
  }, 60_000);
  afterAll(async () => w?.stop());

  test("41 Final SEPs", () => expect(finals).toHaveLength(41));

  test.each(finals)("%s", async (name) => {
    const fixed = fixTypo(readFileSync(`${SEPS_DIR}/${name}`, "utf8"));
    const pr = await w.openSep({ [`seps/${name}`]: fixed.text }, []);
    const runs = w.runsOn(pr.pull!.headSha);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(["success", "neutral"]).toContain(run!.conclusion);
    // Nothing on the changed line: the word changed is not what any finding is about.
    expect(run!.annotations.filter((a: any) => a.start_line === fixed.line)).toEqual([]);
    expect(run!.annotations.filter((a: any) => a.annotation_level === "failure")).toEqual([]);
  }, 30_000);

  test("the old problems are still shown, as notices: SEP-1865 reached Final with `Sponsor: None (seeking sponsor)`", async () => {
    const name = "1865-mcp-apps-interactive-user-interfaces-for-mcp.md";
    const pr = await w.openSep({ [`seps/${name}`]: fixTypo(readFileSync(`${SEPS_DIR}/${name}`, "utf8")).text }, []);
    const [run] = w.runsOn(pr.pull!.headSha);
    expect(run!.annotations.map((a: any) => `${a.start_line}:${a.annotation_level}:${a.title}`)).toContain("10:notice:sponsor-required");
    expect(run!.output.title).toMatch(/^Passed with .*notice/);
  }, 30_000);
});
