import type { ParsedSep } from "../parse-sep.js";
import type { SepsConfig } from "../config.js";
import { hasLabel } from "../../../core/labels.js";
import { error, findHandles, matchAllowed, quote, warning, type Finding, type SepFacts } from "../finding.js";

/** The Status as one of the configured statuses (canonical spelling), or null. */
export function statusOf(sep: ParsedSep, config: SepsConfig): string | null {
  const f = sep.fields.find((x) => x.canonicalName === "Status");
  return f ? (matchAllowed(f.value, config.statuses)?.canonical ?? null) : null;
}

/** The sponsor's handles when the Sponsor field names people (not `None`). */
export function sponsorHandles(sep: ParsedSep): string[] {
  const f = sep.fields.find((x) => x.canonicalName === "Sponsor");
  return f ? findHandles(f.value) : [];
}

const slug = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, "-");

/**
 * Sponsorship and status: a sponsor is required from Draft on and must hold a maintainer role; the
 * status move against the base branch follows the allowed moves; the PR's state label matches.
 */
export function checkLifecycle(sep: ParsedSep, facts: SepFacts, config: SepsConfig): Finding[] {
  const found: Finding[] = [];
  const statusField = sep.fields.find((x) => x.canonicalName === "Status");
  const status = statusOf(sep, config);
  if (!statusField || !status) return found; // the Status rules already report it

  const sponsorField = sep.fields.find((x) => x.canonicalName === "Sponsor");
  const handles = sponsorHandles(sep);
  // Only for `None`: any other value without a handle (`TBD`, a team, a bad handle) is already the
  // `sponsor` rule's error, and one problem is one finding.
  if (sponsorField && config.sponsorRequiredFrom.includes(status) && handles.length === 0 && /^none\b/i.test(sponsorField.value.trim())) {
    found.push(error("sponsor-required", sponsorField.line,
      `A SEP in ${status} needs a sponsor: a maintainer writes \`- **Sponsor**: @handle\` and sets the status (until then the SEP awaits a sponsor).`));
  }
  // Only where a sponsor is required (as the check run resolves roles only there): a Withdrawn or
  // Dormant SEP's former sponsor is no finding, offline or online.
  if (handles.length > 0 && facts.sponsorRoles && config.sponsorRequiredFrom.includes(status)) {
    const known = handles.filter((h) => facts.sponsorRoles![h.toLowerCase()] !== undefined);
    if (known.length > 0 && !known.some((h) => facts.sponsorRoles![h.toLowerCase()])) {
      found.push(error("sponsor-role", sponsorField!.line,
        `Sponsor ${known.map((h) => quote("@" + h)).join(", ")} must be one of the ${config.sponsorRoles.join(" / ")} (see the roles in .github/convener.yml).`));
    }
  }

  // A base Status that is no known status (a typo on the base branch) has no allowed moves to check
  // against: the base file's own check reported it; calling it "a final state" would be false.
  const baseKnown = facts.baseStatus ? matchAllowed(facts.baseStatus, config.statuses) !== null : false;
  if (facts.baseStatus && baseKnown) {
    const from = slug(facts.baseStatus);
    const to = slug(status);
    const allowed = config.transitions[from];
    if (from !== to && allowed && !allowed.includes(to)) {
      found.push(error("status-transition", statusField.line,
        `The status moves from ${quote(facts.baseStatus)} to ${quote(status)}; from ${facts.baseStatus} it may move to: ${allowed.join(", ") || "nothing"}.`));
    } else if (from !== to && !allowed) {
      found.push(error("status-transition", statusField.line, `The status moves from ${quote(facts.baseStatus)}, a final state, to ${quote(status)}.`));
    }
  }

  if (facts.labels) found.push(...checkStateLabel(status, statusField.line, facts.labels, config));
  return found;
}

function checkStateLabel(status: string, line: number, labels: readonly string[], config: SepsConfig): Finding[] {
  const stateLabels = [...Object.values(config.stateLabels), ...config.otherStateLabels].map((l) => l.toLowerCase());
  const present = labels.filter((l) => stateLabels.includes(l.toLowerCase()));
  const want = config.stateLabels[status];
  const wrong = present.filter((l) => l.toLowerCase() !== want?.toLowerCase());
  const who = config.syncLabels ? "Convener updates it" : "the sponsor updates it";
  const found: Finding[] = [];
  if (wrong.length > 0) {
    found.push(error("state-label", line,
      `The PR is labelled ${wrong.map((l) => quote(l)).join(", ")} but the Status is ${status}${want ? `: the label must be \`${want}\`` : ""} (the file is the record; ${who}).`));
  }
  if (want && !hasLabel(present, want)) {
    found.push(warning("state-label", line, `The PR has no \`${want}\` label to match Status ${status}; ${who}.`));
  }
  return found;
}
