import type { ParsedSep } from "./parse-sep.js";
import type { SepsConfig } from "./config.js";
import type { Finding, FindingLevel, SepFacts } from "./finding.js";
import { checkFrontMatter } from "./rules/front-matter.js";
import { checkNaming } from "./rules/naming.js";
import { checkFields } from "./rules/fields.js";
import { checkValues } from "./rules/values.js";
import { checkLifecycle } from "./rules/lifecycle.js";
import { checkSections } from "./rules/sections.js";
import { checkWorkingGroup } from "./rules/working-group.js";

const RANK: Record<FindingLevel, number> = { error: 0, warning: 1, notice: 2 };

/**
 * Every SEP rule, pure: the check run and `convener check-seps` both call this, so they report the
 * same findings for the same file. Sorted by line; on a line, errors, then warnings, then notices.
 */
export function validateSep(sep: ParsedSep, facts: SepFacts, config: SepsConfig, now: Date): Finding[] {
  const findings = [
    ...checkFrontMatter(sep),
    ...checkNaming(sep, facts, config),
    ...checkFields(sep, config),
    ...checkValues(sep, facts, config, now),
    ...checkLifecycle(sep, facts, config),
    ...checkSections(sep, config),
    ...checkWorkingGroup(sep, facts, config),
  ];
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.line - b.f.line || RANK[a.f.level] - RANK[b.f.level] || a.i - b.i)
    .map(({ f }) => f);
}
