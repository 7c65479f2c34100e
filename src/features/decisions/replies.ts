import type { Config } from "../config-schema.js";
import { quoteHandle } from "../../core/escape.js";
import { hasLabel } from "../../core/labels.js";
import { canVeto, rolesOf, type DecisionInput } from "./facts.js";
import { CHOICES, type Choice } from "./tally.js";
import { activeVeto, readVetoPeriods, type VetoStep } from "./veto.js";
import { REPLY_KEY } from "./render.js";
import { hasOwnMarker, type ResultRecord, type VoteRecord } from "./vote-state.js";

export const DECISION_COMMANDS = ["vote", "veto", "unveto", "sponsor", "unsponsor"] as const;

/** One reason a command had no (or only partial) effect; each key is a section of `decision-reply.md`. */
export type ReplyItem = Record<string, string | boolean>;

export interface CommandOutcome {
  items: ReplyItem[];
  /** Set when the trigger comment is a valid `/vote` that opens a vote now. */
  openVote: boolean;
}

interface VoteView {
  current: VoteRecord | null;
  result: ResultRecord | null;
  approved: boolean;
}

/**
 * Checks the trigger comment's commands against the commenter's role and the request's state as it
 * was when the comment was written (so a redelivery meets the same answer, not its own effect).
 */
export function checkCommands(input: DecisionInput, config: Config, steps: readonly VetoStep[], votes: VoteView): CommandOutcome {
  const outcome: CommandOutcome = { items: [], openVote: false };
  const trigger = input.trigger;
  if (!trigger) return outcome;
  const d = config.decisions;
  const flags = rolesOf(input, trigger.author);
  const who = quoteHandle(trigger.author);
  const maintainers = input.holders.maintainers.map(quoteHandle).join(", ") || "none configured";
  const vetoedThen = activeVeto(readVetoPeriods(steps, trigger.createdAt)) !== null;
  const add = (item: ReplyItem) => outcome.items.push(item);

  for (const command of trigger.commands) {
    if (!(DECISION_COMMANDS as readonly string[]).includes(command.name)) continue;
    if (!input.issue.isRequest) {
      add({ notRequest: true, command: command.name, requestLabel: config.intake.labels.request });
      continue;
    }
    if (command.name === "vote" && command.args.length > 0) {
      checkBallot(input, command.args[0]!, votes, trigger.createdAt, who, add);
      continue;
    }
    if (command.name === "vote") {
      if (d.policy !== "vote") add({ sponsorshipPolicy: true });
      else if (!flags.moderator) add({ notModerator: true, who, moderators: input.holders.moderators.map(quoteHandle).join(", ") || "none configured" });
      else if (votes.current && votes.current.calledBy === trigger.commentId) continue; // this comment opened it: a redelivery
      else if (votes.current && !votes.result) add({ alreadyOpen: true, deadline: formatTime(votes.current.deadline) });
      else if (vetoedThen) add({ vetoed: true });
      else if (votes.approved) add({ alreadyApproved: true, approvedLabel: d.labels.approved });
      else if (!hasLabel(input.issue.labels, config.intake.labels.ready)) add({ notReady: true, readyLabel: config.intake.labels.ready, what: "a vote" });
      else if (input.moderators.length === 0) add({ noModerators: true });
      else outcome.openVote = true;
      continue;
    }
    if (!canVeto(flags)) {
      add({ notMaintainer: true, who, maintainers, command: command.name });
      continue;
    }
    if (command.name === "unveto" && !vetoedThen) add({ nothingToLift: true });
    if (command.name === "sponsor" || command.name === "unsponsor") {
      if (d.policy !== "sponsorship") add({ votePolicy: true });
      else if (command.name === "sponsor" && !hasLabel(input.issue.labels, config.intake.labels.ready) && !votes.approved)
        add({ notReady: true, readyLabel: config.intake.labels.ready, what: "sponsorship" });
    }
  }
  return outcome;
}

function checkBallot(input: DecisionInput, arg: string, votes: VoteView, at: string, who: string, add: (i: ReplyItem) => void): void {
  const choice = arg.toLowerCase();
  if (!CHOICES.includes(choice as Choice)) return add({ badChoice: true, choice: arg });
  const vote = votes.current;
  if (!vote || Date.parse(at) < Date.parse(vote.opened)) return add({ noVote: true });
  if (Date.parse(at) > Date.parse(vote.deadline)) return add({ voteClosed: true, deadline: formatTime(vote.deadline) });
  if (vote.venue) return add({ elsewhere: true, venue: vote.venue });
  const electorate = vote.electorate.map((e) => e.toLowerCase());
  if (!electorate.includes(input.trigger!.author.toLowerCase()) && !wasToldNonBinding(input, vote)) {
    add({ nonBinding: true, who, electorate: vote.electorate.map(quoteHandle).join(", ") || "nobody" });
  }
}

/**
 * Whether the app already told this voter, in this vote, that their ballot does not count: a
 * reply to an earlier ballot of theirs. Saying it again on every changed ballot is a write (and a
 * notification) for nothing; the tally still lists every non-binding ballot.
 */
function wasToldNonBinding(input: DecisionInput, vote: VoteRecord): boolean {
  const trigger = input.trigger!;
  const author = trigger.author.toLowerCase();
  return input.comments.some(
    (c) =>
      c.id !== trigger.commentId &&
      c.author.toLowerCase() === author &&
      Date.parse(c.createdAt) >= Date.parse(vote.opened) &&
      Date.parse(c.createdAt) <= Date.parse(trigger.createdAt) &&
      c.commands.some((k) => k.name === "vote" && CHOICES.includes(k.args[0]?.toLowerCase() as Choice)) &&
      hasOwnMarker(input.own, REPLY_KEY(c.id)) !== null,
  );
}

/** `2026-11-27 21:00 UTC`: deadlines are stated in UTC so nobody converts time zones. */
export function formatTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}
