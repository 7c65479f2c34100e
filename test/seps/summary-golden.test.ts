import { describe, expect, test } from "@jest/globals";
import { renderCheckOutput } from "../../src/features/seps/render-check.js";
import type { FileFindings } from "../../src/features/seps/check-sep-file.js";
import { expectGolden } from "../golden/expect-golden.js";


const failing: FileFindings[] = [
  {
    path: "seps/2822-client-`id`.md",
    findings: [
      { rule: "title", level: "warning", line: 1, message: "`SEP-DRAFT` is a placeholder allowed while Draft; the title must become `# SEP-2822: {Title}`." },
      { rule: "sponsor-required", level: "error", line: 7, message: "A SEP in Draft needs a sponsor: a maintainer writes `- **Sponsor**: @handle` and sets the status (until then the SEP awaits a sponsor)." },
    ],
  },
  { path: "seps/1803-event-subscriptions.md", findings: [] },
];

describe("SEP metadata check summary (template sep-check-summary)", () => {
  test("failure", () => {
    const out = renderCheckOutput(failing, { skipped: ["seps/9999-more.md"], unlisted: 0 });
    expect(out.conclusion).toBe("failure");
    expect(out.title).toBe("1 error, 1 warning; 1 SEP file not checked");
    expectGolden("sep-check-failure", out.summary);
  });

  test("incomplete: files past GitHub's 3,000-file listing are named and the check is not a success", () => {
    const out = renderCheckOutput([{ path: "seps/1803-event-subscriptions.md", findings: [] }], { skipped: [], unlisted: 120 });
    expect(out.conclusion).toBe("failure");
    expect(out.title).toBe("Incomplete: 120 unlisted files not checked");
    expectGolden("sep-check-incomplete", out.summary);
  });

  test("success with warnings", () => {
    const out = renderCheckOutput([{ path: "seps/1803-event-subscriptions.md", findings: [failing[0]!.findings[0]!] }]);
    expect(out.conclusion).toBe("success");
    expect(out.title).toBe("Passed with 1 warning");
    expectGolden("sep-check-success-warnings", out.summary);
  });

  test("success with notices: a typo fix to a merged SEP lists its old problems without blocking", () => {
    const out = renderCheckOutput([{
      path: "seps/2133-extensions.md",
      findings: [{ rule: "sponsor-required", level: "notice", line: 7, message: "A SEP in Final needs a sponsor: … (Already so before this pull request, in a part it does not change: not blocking.)" }],
    }]);
    expect(out.conclusion).toBe("success");
    expect(out.title).toBe("Passed with 1 notice");
    expect(out.annotations.map((a) => a.annotation_level)).toEqual(["notice"]);
    expectGolden("sep-check-success-notices", out.summary);
  });

  test("clean success", () => {
    expectGolden("sep-check-success", renderCheckOutput([{ path: "seps/1803-event-subscriptions.md", findings: [] }]).summary);
  });

  test("annotations map error → failure, warning → warning", () => {
    expect(renderCheckOutput(failing).annotations.map((a) => a.annotation_level)).toEqual(["warning", "failure"]);
  });
});
