import { LOGIN_RULE, readMentions } from "../../../core/github-login.js";
import type { ParsedSep, SepField } from "../parse-sep.js";
import type { SepsConfig } from "../config.js";
import { error, findHandles, matchAllowed, quote, warning, type Finding, type SepFacts } from "../finding.js";

const field = (sep: ParsedSep, name: string): SepField | undefined => sep.fields.find((f) => f.canonicalName === name);

function checkChoice(rule: string, f: SepField | undefined, allowed: readonly string[]): Finding[] {
  if (!f) return [];
  const hit = matchAllowed(f.value, allowed);
  if (!hit) return [error(rule, f.line, `${f.canonicalName} ${quote(f.value)} is not allowed; use one of: ${allowed.join(", ")}.`)];
  if (!hit.exact) return [warning(rule, f.line, `Write ${f.canonicalName} as ${quote(hit.canonical)}, not ${quote(f.value)}.`)];
  return [];
}

/** `YYYY-MM-DD`, a real calendar date, not after `now` (UTC). */
function checkCreated(f: SepField | undefined, now: Date): Finding[] {
  if (!f) return [];
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(f.value.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) {
    return [error("created", f.line, `Created ${quote(f.value)} must be a date written \`YYYY-MM-DD\`, e.g. \`${now.toISOString().slice(0, 10)}\`.`)];
  }
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (date.getTime() > today) {
    return [error("created", f.line, `Created ${quote(f.value)} is in the future; use the date the SEP was written (today is ${now.toISOString().slice(0, 10)}).`)];
  }
  return [];
}

/**
 * `@` tokens in a people field that are not GitHub logins (`@zoë-müller`, `@alice--b`, `＠alice`) or
 * are teams: they name nobody, and reading a prefix of them would name someone else. A bad author
 * handle is a warning (authors gate nothing); a bad sponsor handle is an error (the sponsor's role is
 * checked).
 */
function checkMentions(f: SepField | undefined, level: "error" | "warning"): Finding[] {
  if (!f) return [];
  const rule = f.canonicalName === "Sponsor" ? "sponsor" : "authors";
  const make = level === "error" ? error : warning;
  return readMentions(f.value).flatMap((m) => {
    if (m.kind === "invalid") {
      return [make(rule, f.line, `${f.canonicalName}: ${quote(m.token)} is not a valid GitHub handle (${m.why}); a handle has ${LOGIN_RULE}.`)];
    }
    if (m.kind === "team" && rule === "sponsor") {
      return [make(rule, f.line, `Sponsor: ${quote(m.token)} is a team; a sponsor is one person, named by their own \`@handle\`.`)];
    }
    return [];
  });
}

/** Status, Type, Created, Author(s), Sponsor and PR values. */
export function checkValues(sep: ParsedSep, facts: SepFacts, config: SepsConfig, now: Date): Finding[] {
  const found: Finding[] = [
    ...checkChoice("status", field(sep, "Status"), config.statuses),
    ...checkChoice("type", field(sep, "Type"), config.types),
    ...checkCreated(field(sep, "Created"), now),
  ];
  const authors = field(sep, "Author(s)");
  const sponsor = field(sep, "Sponsor");
  const badSponsor = checkMentions(sponsor, "error");
  found.push(...checkMentions(authors, "warning"), ...badSponsor);
  if (authors && findHandles(authors.value).length === 0) {
    found.push(error("authors", authors.line, `Author(s) ${quote(authors.value)} must name at least one GitHub handle, e.g. \`Jane Doe (@janedoe)\`.`));
  }
  if (sponsor && badSponsor.length === 0 && findHandles(sponsor.value).length === 0 && !/^none\b/i.test(sponsor.value.trim())) {
    found.push(error("sponsor", sponsor.line, `Sponsor ${quote(sponsor.value)} must be a GitHub handle (\`@maintainer\`) or \`None\` while seeking one.`));
  }
  const pr = field(sep, "PR");
  if (pr) {
    const m = /(?:\/pull\/|#|^)\{?(\d+)\}?\s*$/.exec(pr.value.trim());
    if (!m) {
      found.push(error("pr", pr.line, `PR ${quote(pr.value)} must be the pull request's URL or \`#N\`.`));
    } else if (facts.prNumber !== undefined && Number(m[1]) !== facts.prNumber) {
      found.push(warning("pr", pr.line, `PR names #${m[1]} but this is PR #${facts.prNumber}.`));
    }
  }
  return found;
}
