import type { ParsedSep } from "../parse-sep.js";
import type { SepsConfig } from "../config.js";
import { findGroup } from "../../../registry/types.js";
import { error, notice, quote, warning, type Finding, type SepFacts } from "../finding.js";
import { statusOf } from "./lifecycle.js";

/**
 * The `Working Group` field names a registered, active WG (by tag or name); a retiring WG is a
 * warning. Anyone may submit a SEP without a WG (the governance FAQ), so an open SEP without the
 * field gets a notice, and none when its Author(s) line already says "on behalf of" a group (the
 * SEP link reads the owner from there). Without a registry (offline, no `--registry`) the name is
 * not checked.
 */
export function checkWorkingGroup(sep: ParsedSep, facts: SepFacts, config: SepsConfig): Finding[] {
  const field = sep.fields.find((f) => f.canonicalName === "Working Group");
  if (!field) {
    const status = statusOf(sep, config);
    if (status && config.closedStatuses.includes(status)) return [];
    if (sep.workingGroup) return [];
    const line = sep.headerLine || sep.heading.line;
    return [notice("working-group", line, "No owning Working Group is named. A SEP may be submitted without one; when a Working Group takes it on, add `- **Working Group**: <wg-tag>`.")];
  }
  if (!facts.registry) return [];
  const name = field.value.trim();
  if (name === "") return [error("working-group", field.line, "Working Group is empty: name a registered, active Working Group by tag or name.")];
  const active = facts.registry.groups.filter((g) => g.kind === "wg" && g.status === "active").map((g) => g.tag);
  const list = active.length > 0 ? active.map((t) => `\`${t}\``).join(", ") : "none are registered";
  const group = findGroup(facts.registry, name);
  if (!group) {
    return [error("working-group", field.line, `Working Group ${quote(name)} is not a registered group; use the tag of an active WG: ${list}.`)];
  }
  if (group.kind !== "wg") {
    return [error("working-group", field.line, `${quote(group.name)} is an Interest Group; a SEP is owned by a Working Group: ${list}.`)];
  }
  // A retiring WG still owns its SEPs (the SEP-link accepts it, and its SEP counts as activity that
  // may save it): a warning. Only a retired WG is an error.
  if (group.status === "retiring") {
    return [warning("working-group", field.line, `The ${quote(group.name)} Working Group is under retirement review; if it retires, this SEP needs another owner: ${list}.`)];
  }
  if (group.status !== "active") {
    return [error("working-group", field.line, `The ${quote(group.name)} Working Group is ${group.status}; name an active WG: ${list}.`)];
  }
  return [];
}
