import { describe, test, expect } from "@jest/globals";
import { readFileSync, readdirSync } from "node:fs";
import { defaultConfig } from "../../src/features/config-schema.js";
import { checkSepFile } from "../../src/features/seps/check-sep-file.js";
import { readLocalRegistry } from "../../src/features/seps/local-sources.js";
import type { Finding } from "../../src/features/seps/finding.js";
import { CHARTERS_DIR, DRAFT_SEPS_DIR, SEPS_DIR } from "../support/shared-fixtures.js";

const FINAL_DIR = SEPS_DIR;
const DRAFT_DIR = DRAFT_SEPS_DIR;
const NOW = new Date("2026-11-24T12:00:00Z");
const registry = readLocalRegistry(CHARTERS_DIR, defaultConfig);

function run(dir: string, name: string): Finding[] {
  return checkSepFile(readFileSync(`${dir}/${name}`, "utf8"), { path: `seps/${name}`, registry }, defaultConfig.seps, NOW);
}
const keys = (findings: Finding[]) => findings.map((f) => `${f.line}:${f.level}:${f.rule}`);
const mdFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".md"));

test("the checker runs on every real SEP file (41 Final + README + TEMPLATE + 25 drafts) without an exception", () => {
  const files = [...mdFiles(FINAL_DIR).map((f) => [FINAL_DIR, f]), ...mdFiles(DRAFT_DIR).map((f) => [DRAFT_DIR, f])];
  expect(files).toHaveLength(68);
  for (const [dir, name] of files) {
    const findings = run(dir!, name!);
    for (const f of findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.message.length).toBeGreaterThan(10);
    }
  }
});

/** Drafts and in-review SEPs from PR branches: every finding pinned, line by line. */
const DRAFTS: Record<string, string[]> = {
  // list header, but HTML preamble below; pre-1850 `Issue` instead of Sponsor/PR; names without handles
  "1309-specification-version-management": ["1:error:section-required", "3:error:field-required", "3:error:field-required", "3:notice:working-group", "6:error:authors"],
  // `**Status:**` colon inside the bold, `Authors` alias
  "1803-event-subscriptions": ["3:warning:field-form", "3:notice:working-group", "6:warning:field-name"],
  // bold lines without list markers, in two paragraphs; Sponsor `TBD`
  "1904-task-filter": ["1:error:section-required", "3:warning:header-format", "3:notice:working-group", "8:error:sponsor"],
  // `# SEP 1938:` without hyphen, `## Preamble` heading, SEP Number/Title fields, lower-case `draft`
  "1938-agency-hint-tool-annotation": ["1:warning:title", "5:error:field-required", "5:error:field-required", "5:warning:field-redundant", "5:notice:working-group", "6:warning:field-redundant", "7:error:authors", "7:warning:field-name", "9:warning:status"],
  // bold paragraph lines with colon inside, no Created/Sponsor, `PR: 2061`
  "2061-action-security-metadat-for-tools": ["3:error:field-required", "3:error:field-required", "3:warning:header-format", "3:warning:field-name", "3:warning:field-form", "3:notice:working-group"],
  // owning WG only in "on behalf of the Server Card Working Group": that names the owner, so no working-group notice
  "2127-mcp-server-cards": [],
  // `# SEP:` without number, Status `Proposal`
  "2357-mcp-content-type": ["1:error:title", "1:error:section-required", "3:error:field-required", "3:error:field-required", "3:error:status", "3:warning:header-format", "3:warning:field-form", "3:notice:working-group", "6:error:authors", "6:warning:field-name", "267:warning:section-name"],
  // `# SEP-0000:` placeholder and a Field/Value table header
  "2385-action-level-auth": ["1:error:section-required", "1:warning:title", "5:error:field-required", "5:error:field-required", "5:warning:header-format", "5:notice:working-group", "7:warning:field-redundant", "8:error:authors", "8:warning:field-name", "132:warning:section-name", "138:warning:section-name"],
  // no H1 at all: the table comes first; Sponsor `None (seeking sponsor)` while Draft
  "2433-transfer-descriptors": ["1:error:title", "1:warning:header-format", "1:notice:working-group", "3:warning:field-redundant", "4:warning:field-redundant", "9:error:sponsor-required"],
  // Working Group `Pending (…)` is not a registered group
  "2448-server-execution-telemetry": ["9:error:working-group"],
  // Type `Extension`, Sponsor `unsponsored (seeking sponsor)`
  "2668-behavioral-trust-extension": ["1:error:section-required", "3:error:field-required", "3:warning:header-format", "3:warning:field-redundant", "3:notice:working-group", "4:warning:field-form", "5:error:type", "7:warning:field-name", "8:error:sponsor"],
  // Working Group `MCP Authorization` names no registered WG
  "2752-http-message-signing-for-mcp-client-authentication": ["5:warning:field-name", "6:error:working-group", "9:error:sponsor-required", "375:warning:section-name"],
  // Working Group `Security Interest Group (proposed)`
  "2787-tool-call-attestation": ["6:error:authors", "7:warning:field-unknown", "8:error:sponsor-required", "11:error:working-group"],
  // `# SEP-DRAFT:` title, colon inside the bold
  "2822-client-generated-session-id": ["1:error:section-required", "1:warning:title", "3:warning:field-form", "3:notice:working-group", "7:error:sponsor-required"],
  // lower-case `draft`
  "2848-asynchronous-approval-for-tool-calls": ["3:warning:status", "3:notice:working-group", "6:error:authors", "7:error:sponsor-required"],
  // no SEP prefix in the H1, `PR: TBD`, Status `Proposal (pre-submission draft)`
  "3172-tool-recovery-metadata": ["1:error:title", "5:error:field-required", "5:warning:field-redundant", "5:notice:working-group", "6:error:authors", "6:warning:field-name", "6:warning:field-form", "7:error:status", "9:error:pr"],
  // `@alinashah_67727` is outside GitHub's login grammar: reported whole, never read as `@alinashah` (someone else); Sponsor `TBD`
  "3246-provenance-carrying-authority-confinement": ["3:warning:status", "3:notice:working-group", "6:error:authors", "6:warning:authors", "7:error:sponsor", "9:warning:field-unknown"],
};

describe("findings pinned for real drafts", () => {
  test.each(Object.entries(DRAFTS))("%s", (name, expected) => {
    expect(keys(run(DRAFT_DIR, `${name}.md`))).toEqual(expected);
  });

  test("variant warnings name the canonical form", () => {
    const messages = (name: string) => run(DRAFT_DIR, `${name}.md`).map((f) => f.message);
    expect(messages("1803-event-subscriptions")).toContain(
      "Put the colon after the bold, `**Status**: Draft`, not inside it (`**Status:** Draft`): `Status`, `Type`, `Created`, `Authors`.",
    );
    expect(messages("2385-action-level-auth")).toContain(
      "The header is written as a table; the template uses a bullet list, one `- **Field**: value` per line.",
    );
    expect(messages("2848-asynchronous-approval-for-tool-calls")).toContain("Write Status as `Draft`, not `draft`.");
    expect(messages("2822-client-generated-session-id")).toContain(
      "`SEP-DRAFT` is a placeholder allowed while Draft; the title must become `# SEP-2822: {Title}`.",
    );
    expect(messages("1938-agency-hint-tool-annotation")).toContain("Write the title as `# SEP-1938: {Title}` (with a hyphen), not `SEP 1938:`.");
  });
});

// Why each Final SEP that does not pass has its findings. These are merged historical records;
// the rules are for new SEPs, and these reasons say why the old files break them.
const PRE_1850 = "written before SEP-1850 (PR-based workflow): the header links an `Issue`, with no Sponsor and no PR field";
const NO_HANDLE = "authors listed by name (or as a group) without a GitHub handle";
const OLD_SECTIONS = "older SEP that does not follow the current template's section list";
const ALIAS_SECTION = "section named `Backwards Compatibility` / `Security Considerations` / `Specification Changes`: accepted with a warning";
const NONE_SPONSOR = "reached Final while the header still said `Sponsor: None (seeking sponsor)`; the file was not updated";
const TABLE_1577 = "repeats its original proposal header as a table under the list (second Status/Created/Author, plus SEP Number, Title, Specification, Prototype, SDKs)";

const FINALS: Record<string, Array<[string, string]>> = {
  "1024-mcp-client-security-requirements-for-local-server-": [["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE]],
  "1034--support-default-values-for-all-primitive-types-in": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE], ["133:warning:section-name", ALIAS_SECTION]],
  "1036-url-mode-elicitation-for-secure-out-of-band-intera": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850]],
  "1046-support-oauth-client-credentials-flow-in-authoriza": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850]],
  "1302-formalize-working-groups-and-interest-groups-in-mc": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE]],
  "1303-input-validation-errors-as-tool-execution-errors": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["163:warning:section-name", ALIAS_SECTION]],
  "1319-decouple-request-payload-from-rpc-methods-definiti": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850]],
  "1330-elicitation-enum-schema-improvements-and-standards": [["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE], ["234:warning:section-name", ALIAS_SECTION], ["246:warning:section-name", ALIAS_SECTION]],
  "1577--sampling-with-tools": [["1:error:section-required", OLD_SECTIONS], ["3:warning:header-format", TABLE_1577], ["9:warning:field-redundant", TABLE_1577], ["11:warning:field-redundant", TABLE_1577], ["12:error:field-duplicate", TABLE_1577], ["14:error:field-duplicate", TABLE_1577], ["15:error:field-duplicate", TABLE_1577], ["16:warning:field-unknown", TABLE_1577], ["17:warning:field-unknown", TABLE_1577], ["19:warning:field-unknown", TABLE_1577]],
  "1613-establish-json-schema-2020-12-as-default-dialect-f": [["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE]],
  "1686-tasks": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE], ["674:warning:section-name", ALIAS_SECTION]],
  "1699-support-sse-polling-via-server-side-disconnect": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850]],
  "1730-sdks-tiering-system": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE]],
  "1865-mcp-apps-interactive-user-interfaces-for-mcp": [["10:error:sponsor-required", NONE_SPONSOR]],
  "2133-extensions": [["7:error:sponsor-required", NONE_SPONSOR]],
  "2164-resource-not-found-error": [["1:error:section-required", OLD_SECTIONS], ["7:error:sponsor-required", NONE_SPONSOR]],
  "2243-http-standardization": [["9:error:authors", NO_HANDLE], ["10:error:sponsor-required", "reached Final with `Sponsor: None`"]],
  "2260-Require-Server-requests-to-be-associated-with-Client-requests": [["1:error:section-required", OLD_SECTIONS], ["6:error:authors", NO_HANDLE], ["67:warning:section-name", ALIAS_SECTION]],
  "2484-conformance-tests-required-for-final-seps": [["7:error:sponsor-required", "reached Final with `Sponsor: None`"]],
  "414-request-meta": [["1:error:section-required", "has no Motivation section"]],
  "932-model-context-protocol-governance": [["3:error:field-required", "the founding governance SEP: PR and Issue, but no Sponsor field"], ["6:error:authors", NO_HANDLE], ["86:warning:section-name", ALIAS_SECTION]],
  "973-expose-additional-metadata-for-implementations-res": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["116:warning:section-name", ALIAS_SECTION]],
  "985-align-oauth-20-protected-resource-metadata-with-rf": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE]],
  "986-specify-format-for-tool-names": [["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["6:error:authors", NO_HANDLE], ["40:warning:section-name", ALIAS_SECTION]],
  "990-enable-enterprise-idp-policy-controls-during-mcp-o": [["1:error:section-required", "a converted PR description (Abstract, How has this been tested?, Breaking Changes)"], ["3:error:field-required", "PR and Issue, but no Sponsor field"]],
  "991-enable-url-based-client-registration-using-oauth-c": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", PRE_1850], ["3:error:field-required", PRE_1850], ["59:warning:section-name", ALIAS_SECTION]],
  "994-shared-communication-practicesguidelines": [["1:error:section-required", OLD_SECTIONS], ["3:error:field-required", "PR and Issue, but no Sponsor field"]],
};

describe("every Final SEP passes or has each finding explained", () => {
  const finals = mdFiles(FINAL_DIR).filter((f) => f !== "README.md" && f !== "TEMPLATE.md");

  test("41 Final SEPs, all with Status Final", () => {
    expect(finals).toHaveLength(41);
    for (const name of finals) expect(readFileSync(`${FINAL_DIR}/${name}`, "utf8")).toMatch(/\*\*Status\*\*: Final/);
  });

  test.each(finals.map((f) => f.replace(/\.md$/, "")))("%s", (name) => {
    const findings = run(FINAL_DIR, `${name}.md`);
    const explained = FINALS[name] ?? [];
    expect(keys(findings)).toEqual(explained.map(([key]) => key));
    for (const [key, why] of explained) expect(why.length).toBeGreaterThan(10); // each has a reason
    // The pre-1850 explanation holds only where the file really is in that form.
    for (const f of findings.filter((x) => x.rule === "field-required")) expect(f.message).toMatch(/no (Sponsor|PR) field/);
  });

  test("the double-hyphen file names of merged SEPs (`1577--sampling-with-tools.md`) are accepted", () => {
    for (const name of ["1577--sampling-with-tools.md", "1034--support-default-values-for-all-primitive-types-in.md"]) {
      expect(keys(run(FINAL_DIR, name)).some((k) => k.endsWith(":file-name"))).toBe(false);
    }
  });
});
