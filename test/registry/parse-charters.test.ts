import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCharter } from "../../src/registry/parse-charter.js";
import { buildRegistry } from "../../src/registry/load-registry.js";
import { findGroup } from "../../src/registry/types.js";
import { CHARTERS_DIR, charterEntries } from "../support/registry-fixtures.js";

const REPO = { owner: "modelcontextprotocol", repo: "modelcontextprotocol" };

function fixtureRegistry() {
  return buildRegistry("f".repeat(40), [
    { folder: "docs/community/working-groups", kind: "wg", entries: charterEntries("working-groups") },
    { folder: "docs/community/interest-groups", kind: "ig", entries: charterEntries("interest-groups") },
  ], REPO);
}

describe("the 16 real MCP charters", () => {
  const registry = fixtureRegistry();

  test("every charter parses into a group with a tag, a kind and at least one lead", () => {
    expect(registry.groups).toHaveLength(16);
    expect(registry.problems).toEqual([]);
    for (const group of registry.groups) {
      expect(group.tag).toMatch(/^[a-z0-9-]+-(wg|ig)$/);
      expect(group.tag.endsWith(`-${group.kind}`)).toBe(true);
      expect(group.status).toBe("active");
      expect(group.leads.length).toBeGreaterThan(0);
      expect(group.leads.every((l) => l.handle)).toBe(true);
    }
    expect(registry.groups.filter((g) => g.kind === "wg")).toHaveLength(10);
  });

  // name, kind, tag, leads' handles, meeting frequency — as the charters write them.
  test.each([
    ["agents.mdx", "Agents", "wg", "agents-wg", ["LucaButBoring", "CaitieM20"], "Weekly"],
    ["apps.mdx", "MCP Apps", "wg", "mcp-apps-wg", ["idosal", "liady", "ochafik"], "Tri-weekly (Wednesday, 08:00 Pacific)"],
    ["file-uploads.mdx", "File Uploads", "wg", "file-uploads-wg", ["localden"], "Biweekly"],
    ["inspector-v2.mdx", "Inspector V2", "wg", "inspector-v2-wg", ["cliffhall", "olaservo", "BobDickinson"], "Weekly, Wednesdays 11:00 America/New_York"],
    ["interceptors.mdx", "Interceptors", "wg", "interceptors-wg", ["sambhav", "PederHP", "degiorgio", "jeongukjae", "olaservo"], "Biweekly"],
    ["registry.mdx", "Registry", "wg", "registry-wg", ["rdimitrov"], "Weekly"],
    ["sdk.mdx", "SDK", "wg", "sdk-wg", ["felixweinberger"], "Biweekly"],
    ["server-card.mdx", "Server Card", "wg", "server-card-wg", ["dsp-ant", "SamMorrowDrums"], "Weekly"],
    ["skills-over-mcp.mdx", "Skills Over MCP", "wg", "skills-over-mcp-wg", ["olaservo", "pja-ant"], "Weekly (Tuesdays)"],
    ["triggers-events.mdx", "Triggers and Events", "wg", "triggers-events-wg", ["clareliguori", "pja-ant"], "Weekly"],
    ["auth.mdx", "Authorization", "ig", "auth-ig", ["aaronpk", "D-McAdams", "pcarleton"], "Every 2 weeks"],
    ["enterprise-managed-authorization.mdx", "Enterprise-Managed Authorization", "ig", "enterprise-managed-auth-ig", ["pcarleton", "aaronpk"], "Every 2 weeks"],
    ["financial-services.mdx", "Financial Services", "ig", "financial-services-ig", ["sambhav", "PederHP"], "Every 2 weeks"],
    ["primitive-grouping.mdx", "Primitive Grouping", "ig", "primitive-grouping-ig", ["chughtapan", "SamMorrowDrums"], "TBD"],
    ["security.mdx", "Security", "ig", "security-ig", ["localden", "pcarleton"], "Every 2 weeks"],
    ["tool-annotations.mdx", "Tool Annotations", "ig", "tool-annotations-ig", ["SamMorrowDrums", "rreichel3"], "TBD"],
  ])("%s → %s (%s, %s)", (file, name, kind, tag, leads, frequency) => {
    const group = registry.groups.find((g) => g.path.endsWith(`/${file}`))!;
    expect(group).toBeDefined();
    expect(group.name).toBe(name);
    expect(group.kind).toBe(kind);
    expect(group.tag).toBe(tag);
    expect(group.leads.map((l) => l.handle)).toEqual(leads);
    expect(group.meetingFrequency).toBe(frequency);
  });

  test("leads keep name, role and organisation; members come from the Membership table", () => {
    const agents = findGroup(registry, "agents-wg")!;
    expect(agents.leads[0]).toEqual({ name: "Luca Chang", handle: "LucaButBoring", role: "Lead", organization: "Amazon Web Services" });
    expect(agents.members.map((m) => m.handle)).toEqual(["LucaButBoring", "CaitieM20"]);
    // The "Emeritus Membership" section is not the Membership section: former members are not members.
    expect(findGroup(registry, "Registry")!.members.map((m) => m.handle)).toEqual(["rdimitrov", "tadasant", "BobDickinson", "pree-dew"]);
    expect(findGroup(registry, "Inspector V2 Working Group")!.meetings).toEqual([
      { name: "Working Session", frequency: "Weekly, Wednesdays 11:00 America/New_York", duration: "60 minutes", purpose: "Technical discussion, proposal review" },
    ]);
  });

  test("active work items carry SEP numbers and community PR numbers", () => {
    const uploads = findGroup(registry, "file-uploads-wg")!;
    expect(uploads.workItems[0]).toMatchObject({ sep: 2356, number: 2356, status: "Draft" });
    const cards = findGroup(registry, "server-card-wg")!;
    // Two "Active Work Items" tables in one charter: both are read.
    expect(cards.workItems.map((w) => w.sep)).toEqual([2127, 2127, undefined]);
    expect(findGroup(registry, "interceptors-wg")!.workItems[0]).toMatchObject({ title: "SEP-1763: Interceptors", sep: 1763, status: "Draft" });
    expect(findGroup(registry, "skills-over-mcp-wg")!.workItems[0]!.number).toBe(2640);
  });

  test("deviations from the template are recorded with their lines", () => {
    expect(findGroup(registry, "registry-wg")!.problems).toEqual([
      { line: 79, message: expect.stringContaining("Discord channel `#registry-dev` is not a group tag") },
    ]);
    expect(findGroup(registry, "sdk-wg")!.problems).toEqual([{ line: 62, message: expect.stringContaining("no `Discord: #tag` line") }]);
    expect(findGroup(registry, "agents-wg")!.problems).toEqual([]);
  });
});

describe("charters that break the template", () => {
  const parse = (text: string, folderKind: "wg" | "ig" = "wg", path = "docs/community/working-groups/x-ray.mdx") => parseCharter({ path, text, folderKind });

  test("the charter template itself parses: placeholder rows are skipped, problems say what is missing", () => {
    const template = readFileSync(join(CHARTERS_DIR, "..", "governance", "charter-template.mdx"), "utf8");
    const inner = /```markdown\n([\s\S]*?)\n```/.exec(template)![1]!;
    const group = parse(inner);
    expect(group.name).toBe("<Group Name>");
    expect(group.leads).toEqual([]);
    expect(group.workItems).toEqual([]);
    expect(group.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('"Group Type" must say either'),
      expect.stringContaining("no `Discord: #tag` line"),
      expect.stringContaining("no leads are listed"),
      expect.stringContaining('meeting "Working Session" has no Frequency'),
      expect.stringContaining('meeting "Office Hours" has no Frequency'),
    ]);
    expect(group.problems[0]!.line).toBe(6);
  });

  test("front matter overrides: tag and status", () => {
    const group = parse("---\ntitle: X-Ray Charter\ntag: xray-wg\nstatus: Retiring\n---\n\n## Group Type\n\n**Working Group**\n");
    expect(group).toMatchObject({ name: "X-Ray", tag: "xray-wg", status: "retiring", kind: "wg" });
  });

  test("`---js` front matter is never executed", () => {
    (globalThis as any).charterRan = false;
    const group = parse("---js\n{ title: (globalThis.charterRan = true, 'Evil Charter') }\n---\n# Evil\n");
    expect((globalThis as any).charterRan).toBe(false);
    expect(group.name).toBe("Evil");
    expect(group.problems[0]).toEqual({ line: 1, message: expect.stringContaining("`---js` blocks are refused and never run") });
  });

  test.each([
    ["invalid YAML", "---\ntitle: [unclosed\n---\n", /front matter is not valid YAML/],
    ["a non-string title", "---\ntitle:\n  nested: 1\n---\n", /front matter `title` must be a non-empty string/],
    ["an unknown status", "---\nstatus: sleeping\n---\n", /front matter `status` must be one of active, retiring, retired/],
    ["a malformed tag", "---\ntag: Agents WG\n---\n", /front matter `tag` must look like `<name>-wg`/],
    ["a tag of the other kind", "---\ntag: xray-ig\n---\n## Group Type\n\nWorking Group\n", /does not end in `-wg`/],
    ["a kind that contradicts the folder", "## Group Type\n\n**Interest Group**\n", /says Interest Group but the charter is in the Working Group folder/],
    ["a lead without a handle", "## Leadership\n\n| Role | Name | GitHub |\n| - | - | - |\n| Lead | Jane | TBD |\n", /lead "Jane" has no GitHub handle/],
  ])("%s is a problem, not a crash", (_what, text, message) => {
    const group = parse(text);
    expect(group.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(message));
    expect(group.tag).toMatch(/-(wg|ig)$/);
  });

  test.each([
    ["@zoë-müller", "`@zoë-müller` is not a valid GitHub handle (`ë` (U+00EB) is not an ASCII letter, digit or hyphen)"],
    ["[@fac-kenü](https://github.com/fac-kenü)", "`@fac-kenü` is not a valid GitHub handle (`ü` (U+00FC) is not an ASCII letter, digit or hyphen)"],
    ["zoe-", "`zoe-` is not a valid GitHub handle (it ends with a hyphen)"],
    ["@org/team", "`@org/team` is not a valid GitHub handle (it is a team, not a person)"],
  ])("a lead's GitHub cell %s is no handle, never a prefix of it", (cell, why) => {
    const group = parse(`## Leadership\n\n| Role | Name | GitHub |\n| - | - | - |\n| Lead | Zoë | ${cell} |\n`);
    expect(group.leads).toEqual([{ name: "Zoë", role: "Lead" }]);
    expect(group.problems).toContainEqual({
      line: expect.any(Number),
      message: `lead "Zoë": the GitHub cell's ${why}; a handle has ASCII letters and digits, single hyphens between them, at most 39 characters`,
    });
  });

  test("a lead named `Name (@handle)` in the GitHub cell, or in bold, is read", () => {
    const cell = (text: string) => parse(`## Leadership\n\n| Role | Name | GitHub |\n| - | - | - |\n| Lead | Zoë | ${text} |\n`).leads[0]?.handle;
    expect(cell("**@zoe-m**")).toBe("zoe-m");
    expect(cell("[@zoe-m](https://github.com/zoe-m)")).toBe("zoe-m");
    expect(cell("zoe-m")).toBe("zoe-m");
  });

  test("empty, huge and binary-looking text never throws", () => {
    expect(parse("").name).toBe("x ray");
    expect(() => parse("| a |\n".repeat(3_000) + "\u0000\uffff")).not.toThrow();
    expect(parse("## Leadership\n\n| Role | Name | GitHub |\n|-|-|-|\n| Lead | <img src=x> | [@ok](https://github.com/ok) |\n").leads[0]).toMatchObject({ handle: "ok" });
  });

  test("findGroup accepts tags, #tags, names and 'X Working Group'", () => {
    const registry = fixtureRegistry();
    expect(findGroup(registry, "#agents-wg")?.name).toBe("Agents");
    expect(findGroup(registry, "AGENTS")?.tag).toBe("agents-wg");
    expect(findGroup(registry, "Triggers and Events Working Group")?.tag).toBe("triggers-events-wg");
    expect(findGroup(registry, "nope-wg")).toBeUndefined();
  });
});
