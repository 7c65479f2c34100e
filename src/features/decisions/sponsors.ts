import type { Config } from "../config-schema.js";
import { canVeto, rolesOf, type DecisionInput } from "./facts.js";

export interface Sponsorship {
  /** Current sponsors (a later `/unsponsor` by the same person withdraws), oldest first. */
  sponsors: { login: string; lead: boolean }[];
  approved: boolean;
  /** Every `/sponsor` and `/unsponsor` that counted, oldest first: the outcome comment lists them all. */
  history: { login: string; action: "sponsor" | "unsponsor"; at: string }[];
}

/** Sponsorship (SEP-2149): `/sponsor` by core or lead maintainers; two core or one lead approve. */
export function readSponsorship(input: DecisionInput, config: Config, until?: string): Sponsorship {
  const current = new Map<string, { login: string; lead: boolean }>();
  const history: Sponsorship["history"] = [];
  for (const c of input.comments) {
    if (until !== undefined && Date.parse(c.createdAt) > Date.parse(until)) break;
    const flags = rolesOf(input, c.author);
    if (!canVeto(flags)) continue; // the same roles may sponsor as may veto
    for (const command of c.commands) {
      if (command.name === "sponsor") current.set(c.author.toLowerCase(), { login: c.author, lead: flags.lead });
      if (command.name === "unsponsor") current.delete(c.author.toLowerCase());
      if (command.name === "sponsor" || command.name === "unsponsor") history.push({ login: c.author, action: command.name, at: c.createdAt });
    }
  }
  const sponsors = [...current.values()];
  const need = config.decisions.sponsorship;
  const leads = sponsors.filter((s) => s.lead).length;
  return { sponsors, approved: leads >= need.leadMaintainers || sponsors.length >= need.coreMaintainers, history };
}
