import type { ParsedSep } from "../parse-sep.js";
import type { SepsConfig } from "../config.js";
import { sectionKey } from "../parse-sep.js";
import { error, quote, warning, type Finding } from "../finding.js";

/** The template's sections, as headings of any level; accepted aliases are warnings. */
export function checkSections(sep: ParsedSep, config: SepsConfig): Finding[] {
  const found: Finding[] = [];
  const missing: string[] = [];
  for (const name of config.requiredSections) {
    const key = sectionKey(name);
    if (sep.sections.some((s) => s.key === key)) continue;
    const aliases = (config.sectionAliases[name] ?? []).map(sectionKey);
    const alias = sep.sections.find((s) => aliases.includes(s.key));
    if (alias) {
      found.push(warning("section-name", alias.line, `Name this section ${quote("## " + name)} (the template's heading), not ${quote(alias.text)}.`));
    } else {
      missing.push(name);
    }
  }
  if (missing.length > 0) {
    const line = sep.heading.line;
    found.push(error("section-required", line,
      `Missing section${missing.length > 1 ? "s" : ""}: ${missing.map((m) => `\`## ${m}\``).join(", ")}. The template requires ${config.requiredSections.join(", ")}.`));
  }
  return found;
}
