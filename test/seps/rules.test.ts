import { describe, test, expect } from "@jest/globals";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultConfig, configSchema } from "../../src/features/config-schema.js";
import { checkSepFile } from "../../src/features/seps/check-sep-file.js";
import { readLocalRegistry } from "../../src/features/seps/local-sources.js";
import type { SepFacts } from "../../src/features/seps/finding.js";
import { sepText } from "../support/seps-text.js";
import { CHARTERS_DIR } from "../support/shared-fixtures.js";

const NOW = new Date("2026-06-01T12:00:00Z");
const registry = readLocalRegistry(CHARTERS_DIR, defaultConfig);
const cfg = defaultConfig.seps;

type Facts = Omit<SepFacts, "baseStatus"> & { baseText?: string | null };
const check = (text: string, facts: Partial<Facts> = {}) =>
  checkSepFile(text, { path: "seps/1234-a-useful-change.md", prNumber: 1234, registry, ...facts }, cfg, NOW);
const brief = (text: string, facts: Partial<Facts> = {}) => check(text, facts).map((f) => `${f.line}:${f.level}:${f.rule}`);

describe("SEP rules", () => {
  test("a template-form SEP owned by an active WG has no findings", () => {
    expect(check(sepText(), { labels: ["SEP", "draft"], sponsorRoles: { mia: true } })).toEqual([]);
  });

  test("file number, H1 number and PR number must agree", () => {
    expect(brief(sepText(), { path: "seps/999-x.md" })).toEqual(["1:error:file-name"]);
    expect(brief(sepText({ number: 77 }))).toEqual(["1:error:title"]);
    expect(brief(sepText(), { path: "seps/no-number.md" })).toEqual(["1:error:file-name"]);
  });

  test("0000- and SEP-DRAFT placeholders are warnings while Draft, errors after", () => {
    const draft = sepText({ number: "0000" }).replace("# SEP-0000:", "# SEP-DRAFT:");
    expect(brief(draft, { path: "seps/0000-a-useful-change.md" })).toEqual(["1:warning:file-name", "1:warning:title"]);
    const inReview = sepText({ number: "0000", fields: { Status: "In-Review" } });
    expect(brief(inReview, { path: "seps/0000-x.md" })).toEqual(["1:error:file-name", "1:error:title"]);
  });

  test("offline (no PR) the H1 number must match the file number", () => {
    const findings = checkSepFile(sepText({ number: 12 }), { path: "seps/1234-x.md" }, cfg, NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: "title", level: "error", line: 1 })]);
    expect(findings[0]!.message).toContain("`# SEP-1234: {Title}`");
  });

  test("required, duplicate and unknown fields", () => {
    const text = sepText({ fields: { Created: null }, extraFields: ["- **Status**: Draft", "- **Mood**: happy"] });
    expect(brief(text)).toEqual(["3:error:field-required", "9:error:field-duplicate", "10:warning:field-unknown"]);
    expect(check(text)[0]!.message).toBe("The header has no Created field; add `- **Created**: value`.");
  });

  test("tolerated variants are warnings naming the canonical form", () => {
    const text = sepText().replace("- **Status**: Draft", "- **Status:** draft").replace("**Author(s)**", "**Authors**");
    const findings = check(text);
    expect(findings.map((f) => `${f.line}:${f.level}:${f.rule}`)).toEqual(["3:warning:field-form", "3:warning:status", "6:warning:field-name"]);
    expect(findings[1]!.message).toBe("Write Status as `Draft`, not `draft`.");
    expect(findings[2]!.message).toBe("Write the field name as `Author(s)`, not `Authors`.");
  });

  test("Status and Type come from the allowed sets", () => {
    const findings = check(sepText({ fields: { Status: "Proposal", Type: "Extension" } }));
    expect(findings.map((f) => f.rule)).toEqual(["status", "type"]);
    expect(findings[0]!.message).toContain("use one of: Draft, In-Review, Accepted, Rejected, Withdrawn, Final, Superseded, Dormant");
  });

  test.each([
    ["10/01/2026", "must be a date written `YYYY-MM-DD`"],
    ["2026-02-30", "must be a date written `YYYY-MM-DD`"],
    ["2026-06-02", "is in the future"],
  ])("Created %s is rejected", (created, text) => {
    const findings = check(sepText({ fields: { Created: created } }));
    expect(findings).toEqual([expect.objectContaining({ rule: "created", level: "error", line: 5 })]);
    expect(findings[0]!.message).toContain(text);
  });

  test("Created today is fine (decided with the given now, not the clock)", () => {
    expect(check(sepText({ fields: { Created: "2026-06-01" } }))).toEqual([]);
  });

  test("Author(s) needs a handle; Sponsor is a handle or None", () => {
    expect(brief(sepText({ fields: { "Author(s)": "Jane Doe <jane@example.com>" } }))).toEqual(["6:error:authors"]);
    expect(brief(sepText({ fields: { Sponsor: "TBD", Status: "Dormant" } }))).toEqual(["7:error:sponsor"]);
    expect(brief(sepText({ fields: { Sponsor: "None (seeking sponsor)", Status: "Dormant" } }))).toEqual([]);
  });

  test("handles in Author(s) and Sponsor are read whole: a look-alike is reported, never cut short into another login", () => {
    const rule = "a handle has ASCII letters and digits, single hyphens between them, at most 39 characters.";
    const authors = check(sepText({ fields: { "Author(s)": "Zoë Müller (@zoë-müller), Jane Doe (@jane)" } }));
    expect(authors.map((f) => `${f.line}:${f.level}:${f.rule}: ${f.message}`)).toEqual([
      `6:warning:authors: Author(s): \`@zoë-müller\` is not a valid GitHub handle (\`ë\` (U+00EB) is not an ASCII letter, digit or hyphen); ${rule}`,
    ]);
    // `@fac-kenü` is not `@fac-ken`: the sponsor named is nobody, so no role is asked about `fac-ken`.
    const sponsor = check(sepText({ fields: { Sponsor: "@fac-kenü" } }), { sponsorRoles: { "fac-ken": true } });
    expect(sponsor.map((f) => `${f.line}:${f.level}:${f.rule}: ${f.message}`)).toEqual([
      `7:error:sponsor: Sponsor: \`@fac-kenü\` is not a valid GitHub handle (\`ü\` (U+00FC) is not an ASCII letter, digit or hyphen); ${rule}`,
    ]);
    // One problem, one finding: a team or a bad handle is the \`sponsor\` rule's, not also \`sponsor-required\`.
    expect(brief(sepText({ fields: { Sponsor: "@mcp/core-maintainers" } }))).toEqual(["7:error:sponsor"]);
    expect(brief(sepText({ fields: { Sponsor: "TBD" } }))).toEqual(["7:error:sponsor"]);
    expect(brief(sepText({ fields: { Sponsor: "@mia-", Status: "Dormant" } }))).toEqual(["7:error:sponsor"]);
    // An email beside the handle is fine; an email alone names no handle.
    expect(brief(sepText({ fields: { "Author(s)": "He-Pin <hepin.p@alibaba-inc.com> (@He-Pin)" } }))).toEqual([]);
    expect(brief(sepText({ fields: { "Author(s)": "**@jane**, [@joe](https://github.com/joe)." } }))).toEqual([]);
  });

  test("a sponsor is required from Draft on and must hold a maintainer role", () => {
    expect(brief(sepText({ fields: { Sponsor: "None" } }))).toEqual(["7:error:sponsor-required"]);
    expect(brief(sepText(), { sponsorRoles: { mia: false } })).toEqual(["7:error:sponsor-role"]);
    expect(brief(sepText(), { sponsorRoles: {} })).toEqual([]); // unknown: not checked
    // Where no sponsor is required the role is not checked (the check run does not even ask, so the CLI must not report it).
    expect(brief(sepText({ fields: { Status: "Withdrawn" } }), { sponsorRoles: { mia: false } })).toEqual([]);
  });

  test("status moves follow the allowed transitions against the base version", () => {
    const base = (status: string) => sepText({ fields: { Status: status } });
    expect(brief(sepText({ fields: { Status: "In-Review" } }), { baseText: base("Draft") })).toEqual([]);
    const jump = check(sepText({ fields: { Status: "Final" } }), { baseText: base("Draft") });
    expect(jump.map((f) => `${f.line}:${f.rule}`)).toEqual(["3:status-transition"]);
    expect(jump[0]!.message).toBe("The status moves from `Draft` to `Final`; from Draft it may move to: in-review, dormant, withdrawn.");
    expect(brief(sepText({ fields: { Status: "Draft" } }), { baseText: null })).toEqual([]); // a new file
    const fromFinal = check(sepText({ fields: { Status: "Draft" } }), { baseText: base("Withdrawn") });
    expect(fromFinal.map((f) => `${f.line}:${f.rule}`)).toEqual(["3:status-transition"]);
    expect(fromFinal[0]!.message).toContain("a final state");
  });

  test("a later PR amending a SEP already on the base branch is not asked to rename it to its own number", () => {
    const amended = check(sepText({ fields: { Status: "Final" } }), { prNumber: 2000, baseText: sepText({ fields: { Status: "Accepted" } }) });
    expect(amended).toEqual([]);
    // The H1 must still match the file's number.
    const wrongTitle = brief(sepText({ number: 77 }), { prNumber: 2000, baseText: sepText() });
    expect(wrongTitle).toEqual(["1:error:title"]);
    // A new file is still held to the PR number.
    expect(brief(sepText(), { prNumber: 2000, baseText: null })).toEqual(["1:error:file-name", "1:error:title", "8:warning:pr"]);
  });

  test("a base Status that is no known status is not called a final state", () => {
    expect(brief(sepText({ fields: { Status: "Draft" } }), { baseText: sepText({ fields: { Status: "Awaiting Sponsor" } }) })).toEqual([]);
  });

  test("the PR's state label must match the Status", () => {
    expect(brief(sepText(), { labels: ["SEP", "in-review"] })).toEqual(["3:error:state-label", "3:warning:state-label"]);
    expect(brief(sepText(), { labels: ["SEP"] })).toEqual(["3:warning:state-label"]);
    expect(brief(sepText({ fields: { Status: "Withdrawn" } }), { labels: ["withdrawn-ish"] })).toEqual([]);
  });

  test("required sections, with aliases as warnings", () => {
    const sections = ["Abstract", "Motivation", "Specification", "Backwards Compatibility", "Security Implications"];
    const findings = check(sepText({ sections }));
    expect(findings.map((f) => `${f.line}:${f.level}:${f.rule}`)).toEqual(["1:error:section-required", "23:warning:section-name"]);
    expect(findings[0]!.message).toContain("Missing sections: `## Rationale`, `## Reference Implementation`.");
  });
});

describe("owning Working Group", () => {
  test("by tag or by name, when active", () => {
    expect(check(sepText({ fields: { "Working Group": "Agents" } }))).toEqual([]);
  });

  test("missing: a notice (anyone may submit a SEP without a WG), none for finished SEPs", () => {
    expect(brief(sepText({ fields: { "Working Group": null } }))).toEqual(["3:notice:working-group"]);
    expect(brief(sepText({ fields: { "Working Group": null, Status: "Final" } }))).toEqual([]);
  });

  test("an owner named in the authors (\"on behalf of the X Working Group\", as SEP-2127) needs no notice", () => {
    const authors = "Jane Doe (@jane) on behalf of the <img src=x> @everyone Working Group";
    expect(check(sepText({ fields: { "Working Group": null, "Author(s)": authors } }))).toEqual([]);
    expect(check(sepText({ fields: { "Working Group": null, "Author(s)": "Jane Doe (@jane) on behalf of the Server Card WG" } }))).toEqual([]);
  });

  test("an unknown group is an error listing the active WGs", () => {
    const findings = check(sepText({ fields: { "Working Group": "time-travel-wg" } }));
    expect(findings).toEqual([expect.objectContaining({ rule: "working-group", level: "error", line: 9 })]);
    expect(findings[0]!.message).toContain("`agents-wg`");
  });

  test("an Interest Group cannot own a SEP", () => {
    expect(brief(sepText({ fields: { "Working Group": "Security Interest Group" } }))).toEqual(["9:error:working-group"]);
  });

  const registryWithAgents = (status: string) => {
    const dir = mkdtempSync(join(tmpdir(), "charters-"));
    cpSync(CHARTERS_DIR, dir, { recursive: true });
    const file = join(dir, "working-groups", "agents.mdx");
    writeFileSync(file, readFileSync(file, "utf8").replace("---\n", `---\nstatus: ${status}\n`));
    const read = readLocalRegistry(dir, defaultConfig);
    expect(read.groups.find((g) => g.tag === "agents-wg")?.status).toBe(status);
    return read;
  };

  test("a retired WG is an error", () => {
    const findings = check(sepText(), { registry: registryWithAgents("retired") });
    expect(findings).toEqual([expect.objectContaining({ rule: "working-group", level: "error" })]);
    expect(findings[0]!.message).toContain("is retired");
  });

  test("a retiring WG is a warning, not an error (the SEP link accepts it too)", () => {
    const findings = check(sepText(), { registry: registryWithAgents("retiring") });
    expect(findings).toEqual([expect.objectContaining({ rule: "working-group", level: "warning", line: 9 })]);
    expect(findings[0]!.message).toContain("under retirement review");
  });

  test("configurable: another community's statuses and required fields", () => {
    const config = configSchema.parse({ seps: { statuses: ["Draft", "Done"], requiredFields: ["Status"] } }).seps;
    const findings = checkSepFile(sepText({ fields: { Status: "Done", Sponsor: null } }), { path: "seps/1234-x.md" }, config, NOW);
    expect(findings.filter((f) => f.level === "error")).toEqual([]);
  });
});

describe("front matter", () => {
  test.each([["---js", "module.exports = { status: 'Final' }"], ["---toml", "status = 'Final'"], ["+++", "status = 'Final'"], ["--- json", "{}"]])(
    "%s front matter is an error naming it (never read, never run)",
    (opening, body) => {
      const closing = opening === "+++" ? "+++" : "---";
      const [finding] = check(`${opening}\n${body}\n${closing}\n${sepText()}`);
      expect(finding).toMatchObject({ rule: "front-matter", level: "error", line: 1 });
      expect(finding!.message).toContain(`\`${opening}\``);
    },
  );

  test("YAML front matter, a byte-order mark and a thematic break are not reported", () => {
    for (const text of [`---\ntitle: x\n---\n${sepText()}`, `\uFEFF---yaml\ntitle: x\n---\n${sepText()}`, `----\n${sepText()}`]) {
      expect(check(text).filter((f) => f.rule === "front-matter")).toEqual([]);
    }
  });
});
