import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { readFrontMatter } from "../../src/core/front-matter.js";
import { mcpFixture } from "../support/shared-fixtures.js";
import { setCharterStatus } from "../../src/features/retirement/charter-status.js";

const agents = readFileSync(mcpFixture("charters", "working-groups", "agents.mdx"), "utf8");

const frontOf = (text: string) => {
  const read = readFrontMatter(text);
  if (!read.ok) throw new Error(read.message);
  return read.value.data;
};

describe("setting status: retired in a charter's front matter", () => {
  test("a real charter: the key is added, the rest of the file is unchanged", () => {
    const out = setCharterStatus(agents, "retired")!;
    expect(frontOf(out)).toEqual({ ...frontOf(agents), status: "retired" });
    const body = (t: string) => t.slice(t.indexOf("\n---", 3) + 4);
    expect(body(out)).toBe(body(agents));
  });

  test("status: active is replaced, comments and order kept", () => {
    expect(setCharterStatus("---\ntitle: X Charter # the name\nstatus: active\ntag: x-wg\n---\nbody\n", "retired")).toBe(
      "---\ntitle: X Charter # the name\nstatus: retired\ntag: x-wg\n---\nbody\n",
    );
  });

  test("no front matter, or an empty one: a block is written", () => {
    expect(setCharterStatus("# X\n", "retired")).toBe("---\nstatus: retired\n---\n\n# X\n");
    expect(frontOf(setCharterStatus("---\n---\n# X\n", "retired")!)).toEqual({ status: "retired" });
  });

  test("already retired, broken YAML, or a front matter that is not a mapping: nothing to propose", () => {
    expect(setCharterStatus("---\nstatus: retired\n---\n", "retired")).toBeNull();
    expect(setCharterStatus("---\ntitle: [unclosed\n---\n", "retired")).toBeNull();
    expect(setCharterStatus("---\n- a\n- b\n---\n", "retired")).toBeNull();
  });
});
