import { countOf, describeRoles, type CommandSpec } from "../../core/command-catalog.js";
import type { Config } from "../config-schema.js";

const MAINTAINERS = ["coreMaintainers", "leadMaintainers"] as const;
const UNITS = { m: "minute", h: "hour", d: "day" } as const;

/** `72h` → "72 hours" (the schema already checked the form). */
export function describeDuration(text: string): string {
  const m = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (!m) return text;
  const count = Number(m[1]);
  return `${count} ${UNITS[m[2] as keyof typeof UNITS]}${count === 1 ? "" : "s"}`;
}

function describeSponsors(config: Config): string {
  const { coreMaintainers, leadMaintainers } = config.decisions.sponsorship;
  return `${countOf(coreMaintainers, "core maintainer")} or ${countOf(leadMaintainers, "lead maintainer")}`;
}

/** The decisions feature's commands, worded from the configured labels, vote duration and sponsor counts. */
export const decisionCommands: readonly CommandSpec[] = [
  {
    name: "vote", usage: "/vote", who: () => describeRoles(["moderators"]),
    does: (c) => `Calls the moderators' vote on a group request labelled \`${c.intake.labels.ready}\` (open for ${describeDuration(c.decisions.voteDuration)}).`,
  },
  {
    name: "vote", usage: "/vote yes|no|abstain", who: () => "anyone (only moderators' ballots count)",
    does: () => "Casts a ballot in the open vote; 👍/👎 on the vote comment work too. Your latest ballot before the deadline counts.",
  },
  {
    name: "veto", usage: "/veto <reason>", who: () => describeRoles(MAINTAINERS),
    does: (c) => `Vetoes a group request: closes an open vote, reverses an approval, closes the request as not planned. The \`${c.decisions.labels.veto}\` label does the same.`,
  },
  {
    name: "unveto", usage: "/unveto", who: () => describeRoles(MAINTAINERS),
    does: (c) => `Lifts the veto and restores the request's state before it (removing the \`${c.decisions.labels.veto}\` label does the same).`,
  },
  {
    name: "sponsor", usage: "/sponsor", who: () => describeRoles(MAINTAINERS),
    does: (c) => `Sponsors a group request (sponsorship policy): ${describeSponsors(c)} approve it.`,
  },
  { name: "unsponsor", usage: "/unsponsor", who: () => describeRoles(MAINTAINERS), does: () => "Withdraws your sponsorship." },
];
