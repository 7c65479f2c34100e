import type { ParsedSep } from "./parse-sep.js";
import type { SepsConfig } from "./config.js";
import type { Finding, SepFacts } from "./finding.js";
import { checkNaming } from "./rules/naming.js";
import { checkFields } from "./rules/fields.js";
import { checkValues } from "./rules/values.js";
import { checkLifecycle } from "./rules/lifecycle.js";
import { checkSections } from "./rules/sections.js";
import { checkWorkingGroup } from "./rules/working-group.js";

/**
 * Every SEP rule, pure: the check run and `convener check-seps` both call this, so they report the
 * same findings for the same file. Sorted by line, errors first on a line.
 */
export function validateSep(sep: ParsedSep, facts: SepFacts, config: SepsConfig, now: Date): Finding[] {
  const findings = [
    ...checkNaming(sep, facts, config),
    ...checkFields(sep, config),
    ...checkValues(sep, facts, config, now),
    ...checkLifecycle(sep, facts, config),
    ...checkSections(sep, config),
    ...checkWorkingGroup(sep, facts, config),
  ];
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.line - b.f.line || (a.f.level === b.f.level ? a.i - b.i : a.f.level === "error" ? -1 : 1))
    .map(({ f }) => f);
}
