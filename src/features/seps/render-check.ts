import type { CheckAnnotation } from "../../core/plan.js";
import { codeSpan } from "../../core/escape.js";
import { renderTemplate } from "../../core/templates.js";
import type { FileFindings } from "./check-sep-file.js";

const SUMMARY_FINDINGS_PER_FILE = 100; // keeps the summary under GitHub's 65535 characters

export interface CheckOutput {
  conclusion: "success" | "failure";
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Findings as GitHub annotations: one per finding, at its line. */
export function toAnnotations(results: readonly FileFindings[]): CheckAnnotation[] {
  return results.flatMap(({ path, findings }) =>
    findings.map((f) => ({
      path,
      start_line: Math.max(1, f.line),
      end_line: Math.max(1, f.line),
      annotation_level: f.level === "error" ? ("failure" as const) : f.level,
      title: f.rule,
      message: f.message,
    })),
  );
}

/** SEP files the check could not read: named ones (over the configured limit) and files GitHub does not list. */
export interface UncheckedFiles {
  skipped: readonly string[];
  unlisted: number;
}

/**
 * Conclusion `failure` on any error, and also when a SEP file went unchecked: a check that could not
 * read a file cannot pass it. Otherwise `success`, with the warnings and notices listed in the summary.
 */
export function renderCheckOutput(results: readonly FileFindings[], unchecked: UncheckedFiles = { skipped: [], unlisted: 0 }): CheckOutput {
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.level === "error").length;
  const notices = all.filter((f) => f.level === "notice").length;
  const warnings = all.length - errors - notices;
  // Notices are named only when there are some: the titles of runs without them stay as they were.
  const noticeText = notices > 0 ? plural(notices, "notice") : "";
  const { skipped, unlisted } = unchecked;
  const incomplete = skipped.length > 0 || unlisted > 0;
  const failed = errors > 0;
  const notRead = [skipped.length > 0 ? plural(skipped.length, "SEP file") : "", unlisted > 0 ? plural(unlisted, "unlisted file") : ""].filter(Boolean).join(" and ");
  const passedWith = [warnings > 0 ? plural(warnings, "warning") : "", noticeText].filter(Boolean).join(" and ");
  const title = failed
    ? `${plural(errors, "error")}, ${plural(warnings, "warning")}${noticeText ? `, ${noticeText}` : ""}${incomplete ? `; ${notRead} not checked` : ""}`
    : incomplete ? `Incomplete: ${notRead} not checked`
    : passedWith ? `Passed with ${passedWith}` : "Passed";
  const summary = renderTemplate("sep-check-summary", {
    failed,
    incomplete: !failed && incomplete,
    passed: !failed && !incomplete,
    errors: plural(errors, "error"),
    warnings: plural(warnings, "warning"),
    hasWarnings: warnings > 0,
    notices: noticeText,
    fileCount: plural(results.length, "SEP file"),
    files: results.map((r) => ({
      pathCode: codeSpan(r.path, 200),
      findings: r.findings.slice(0, SUMMARY_FINDINGS_PER_FILE),
      more: r.findings.length > SUMMARY_FINDINGS_PER_FILE ? r.findings.length - SUMMARY_FINDINGS_PER_FILE : 0,
    })),
    skipped: skipped.map((p) => codeSpan(p, 200)),
    unlisted: unlisted > 0 ? plural(unlisted, "changed file") : "",
  });
  return { conclusion: failed || incomplete ? "failure" : "success", title, summary, annotations: toAnnotations(results) };
}
