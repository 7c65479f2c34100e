import type { Config } from "../config-schema.js";
import type { Tally } from "./tally.js";

/** `2.5`, `2`, `1.67`: the bar a count must exceed, as a person would write it. */
const formatNumber = (x: number) => String(Number(x.toFixed(2)));

const share = (threshold: number) => (threshold === 0.5 ? "half" : `${formatNumber(threshold * 100)}%`);

const ballots = (n: number) => `${n} moderator ballot${n === 1 ? "" : "s"}`;

/**
 * The whole passing rule in one sentence, as the vote comment states it: what counts, against what,
 * the bar, and the quorum when there is one. Read from the configuration, so it never disagrees with
 * the tally.
 */
export function describeRule(config: Config, electorateCount: number): string {
  const d = config.decisions;
  const quorum = d.quorum > 0 ? `, provided at least ${ballots(d.quorum)} (yes, no or abstain) ${d.quorum === 1 ? "is" : "are"} cast` : "";
  if (d.denominator === "electorate") {
    return `The vote passes when more than ${share(d.threshold)} of the ${electorateCount} moderators at the opening vote yes (more than ${formatNumber(d.threshold * electorateCount)} yes ballots; not voting and abstaining count as not yes)${quorum}.`;
  }
  return `The vote passes when more than ${share(d.threshold)} of the moderators' yes and no ballots are yes (abstentions are left out; a tie fails)${quorum}.`;
}

/** The arithmetic behind a tally: `3 of 5 moderators voted yes; more than 2.5 needed.` */
export function describeArithmetic(tally: Tally, config: Config): string {
  const { denominator, needed, voted, quorum } = tally.count;
  const yes = tally.yes.length;
  const main =
    config.decisions.denominator === "electorate"
      ? `${yes} of ${denominator} moderators voted yes; more than ${formatNumber(needed)} needed.`
      : `${yes} of ${denominator} yes/no ballot${denominator === 1 ? " was" : "s were"} yes; more than ${formatNumber(needed)} needed.`;
  return quorum > 0 ? `${main} ${voted} moderator${voted === 1 ? "" : "s"} voted; at least ${quorum} needed for the quorum.` : main;
}
