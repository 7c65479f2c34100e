import { describe, test, expect } from "@jest/globals";
import { readFileSync } from "node:fs";
import { DRAFT_SEPS_DIR, SEPS_DIR } from "../support/shared-fixtures.js";
import { parseSep, parseTitle, sectionKey, getField } from "../../src/features/seps/parse-sep.js";

const DRAFTS = DRAFT_SEPS_DIR;
const FINAL = SEPS_DIR;
const read = (dir: string, name: string) => parseSep(readFileSync(`${dir}/${name}`, "utf8"));

describe("parseTitle", () => {
  test.each([
    ["SEP-1803: Event Subscriptions", "canonical", 1803, "Event Subscriptions"],
    ["SEP-0000: Placeholder", "canonical", 0, "Placeholder"],
    ["SEP-DRAFT: Client Ids", "draft", null, "Client Ids"],
    ["SEP 1938: Add hint", "space", 1938, "Add hint"],
    ["SEP: Canonical Media Type", "no-number", null, "Canonical Media Type"],
    ["Recovery Metadata", "no-prefix", null, "Recovery Metadata"],
  ])("%s", (text, form, number, title) => {
    expect(parseTitle(text, 1)).toEqual({ form, number, text: title, line: 1 });
  });
});

test("sectionKey strips numbering, colons and case", () => {
  expect(sectionKey("2. Abstract")).toBe("abstract");
  expect(sectionKey("Backward Compatibility:")).toBe("backward compatibility");
});

describe("parseSep on real header variants", () => {
  test("template list form (SEP-2127) with 'on behalf of' owning WG", () => {
    const sep = read(DRAFTS, "2127-mcp-server-cards.md");
    expect(sep.number).toBe(2127);
    expect(sep.headerFormat).toBe("list");
    expect(getField(sep, "Status")).toMatchObject({ value: "Draft", line: 3, variants: [] });
    expect(sep.workingGroup).toEqual({ name: "Server Card Working Group", line: 6, source: "authors" });
  });

  test("colon inside the bold (SEP-1803)", () => {
    const sep = read(DRAFTS, "1803-event-subscriptions.md");
    expect(getField(sep, "Status")).toMatchObject({ name: "Status", value: "Draft", line: 3, variant: "colon-inside-bold" });
    expect(getField(sep, "Author(s)")).toMatchObject({ name: "Authors", line: 6 });
    expect(getField(sep, "Sponsor")).toMatchObject({ value: "Nick Cooper (@nickcoai)", variants: [] });
  });

  test("bold lines without a list, split over two paragraphs (SEP-1904)", () => {
    const sep = read(DRAFTS, "1904-task-filter.md");
    expect(sep.headerFormat).toBe("paragraph");
    expect(sep.fields.map((f) => [f.canonicalName, f.line])).toEqual([
      ["Status", 3], ["Type", 4], ["Created", 5], ["Author(s)", 6], ["Sponsor", 8], ["PR", 9],
    ]);
  });

  test("table header with a SEP-0000 title (SEP-2385)", () => {
    const sep = read(DRAFTS, "2385-action-level-auth.md");
    expect(sep.number).toBe(0);
    expect(sep.headerFormat).toBe("table");
    expect(getField(sep, "Status")).toMatchObject({ value: "Draft", line: 9, variant: "table" });
    expect(getField(sep, "Sponsor")).toBeUndefined();
  });

  test("table without an H1 (SEP-2433) takes number and title from the table", () => {
    const sep = read(DRAFTS, "2433-transfer-descriptors.md");
    expect(sep.heading.form).toBe("missing");
    expect(sep.number).toBe(2433);
    expect(sep.title).toBe("Transfer Descriptors: Out-of-Band Data Transfer Negotiation");
    expect(getField(sep, "Author(s)")?.value).toBe("Baptiste Hanquier (@bhanquier)");
  });

  test("SEP-DRAFT title (SEP-2822)", () => {
    const sep = read(DRAFTS, "2822-client-generated-session-id.md");
    expect(sep.heading).toMatchObject({ form: "draft", number: null, line: 1 });
    expect(getField(sep, "PR")).toMatchObject({ value: "2822", line: 8 });
  });

  test("inline HTML in values and HTML section headings (SEP-1309)", () => {
    const sep = read(DRAFTS, "1309-specification-version-management.md");
    expect(getField(sep, "Type")?.value).toBe("Standards Track");
    expect(sep.sections.find((s) => s.key === "abstract")).toMatchObject({ html: true, line: 15 });
  });

  test("lower-case value is kept as written (SEP-2848)", () => {
    expect(getField(read(DRAFTS, "2848-asynchronous-approval-for-tool-calls.md"), "Status")?.value).toBe("draft");
  });

  test("a Final SEP's sections carry their lines", () => {
    const sep = read(FINAL, "2085-governance-succession-and-amendment.md");
    expect(sep.sections.filter((s) => s.depth === 2).map((s) => s.key)).toEqual([
      "abstract", "motivation", "specification", "rationale", "backward compatibility", "security implications", "reference implementation",
    ]);
  });

  test("never throws on hostile text", () => {
    for (const text of ["", "\u0000", "# \n- **", "| a |\n|---|\n| **Status** |", "**Status**:"]) {
      expect(() => parseSep(text)).not.toThrow();
    }
  });
});
