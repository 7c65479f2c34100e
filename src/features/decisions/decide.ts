import type { Config } from "../config-schema.js";
import { quoteHandle } from "../../core/escape.js";
import { hasMarker } from "../../core/markers.js";
import { planLabels, planStickyComment, type Plan, type RepoRef } from "../../core/plan.js";
import type { OwnComment } from "./facts.js";
import { VENUE_RESULT_KEY, VENUE_VOTE_KEY, VENUE_KEY, readVenueRepo } from "./venue.js";
import { parseDuration } from "./config.js";
import { hasLabel } from "../../core/labels.js";
import { rolesOf, type DecisionInput } from "./facts.js";
import { checkCommands, type ReplyItem } from "./replies.js";
import { EDITED_KEY, REMINDER_KEY, REPLY_KEY, SPONSORSHIP_KEY, renderEditFlag, renderReminder, renderVenueIssue, renderVoteInProgress, type VoteOpening, UNREAD_KEY, VETO_KEY, renderReply, renderSponsorship, renderUnread, renderVeto, renderVoteOpen, renderVoteResult } from "./render.js";
import { readSponsorship } from "./sponsors.js";
import { collectBallots, tallyVote } from "./tally.js";
import type { VoteRecord } from "./vote-state.js";
import { activeVeto, lastLabelStep, readVetoPeriods, readVetoSteps, type VetoPeriod } from "./veto.js";
import { RESULT_KEY, VOTE_KEY, hasOwnMarker, readResults, readVotes } from "./vote-state.js";

type VoteState = "open" | "passed" | "failed" | "vetoed" | null;

/**
 * The whole decision on one request, from its state as GitHub holds it now: replies to the trigger
 * comment, opening and closing the vote (exactly once: a result comment per vote), the veto and its
 * lifting, sponsorship, and the labels and open/closed state that follow. Emits only what differs.
 */
export function decideDecisions(input: DecisionInput, config: Config, now: Date): Plan {
  const d = config.decisions;
  const L = d.labels;
  const t = input.target;
  if (input.unread.length > 0) return planUnread(input);
  const plan: Plan = [];
  const steps = readVetoSteps(input);
  const periods = readVetoPeriods(steps);
  const veto = activeVeto(periods);
  const votes = readVotes(input.own);
  const results = readResults(input.own);
  const current = votes.at(-1) ?? null;
  const result = current ? (results.find((r) => r.n === current.n) ?? null) : null;
  // Sponsors approve a request that passed intake (`group/ready`), as a vote needs it to open.
  const counted = readSponsorship(input, config);
  const sponsorable = hasLabel(input.issue.labels, config.intake.labels.ready) || hasLabel(input.issue.labels, L.approved);
  const sponsorship = { ...counted, approved: counted.approved && sponsorable };
  const passedResult = results.filter((r) => r.outcome !== "vetoed").at(-1);
  let approved = d.policy === "vote" ? passedResult?.outcome === "passed" : sponsorship.approved && input.issue.isRequest;

  const commands = checkCommands(input, config, steps, { current, result, approved });
  const replies: ReplyItem[] = [...commands.items];
  let voteState: VoteState = current ? (result ? result.outcome : "open") : null;

  if (commands.openVote && !veto && input.trigger) {
    // The vote runs from the `/vote` comment GitHub recorded, not from when the app got to it.
    const calledAt = Number.isNaN(Date.parse(input.trigger.createdAt)) ? now : new Date(input.trigger.createdAt);
    const opening = {
      n: (current?.n ?? 0) + 1,
      opened: calledAt.toISOString(),
      deadline: new Date(calledAt.getTime() + parseDuration(d.voteDuration)).toISOString(),
      electorate: input.moderators,
      calledBy: input.trigger.commentId,
      caller: input.trigger.author,
      kind: hasLabel(input.issue.labels, config.intake.labels.workingGroup) ? "Working Group" : hasLabel(input.issue.labels, config.intake.labels.interestGroup) ? "Interest Group" : "group",
      ...(input.issue.bodySha256 ? { bodySha256: input.issue.bodySha256 } : {}),
      ...(input.issue.url ? { url: input.issue.url } : {}),
    };
    const venue = readVenueRepo(config);
    if (venue) plan.push(...planVenueOpening(input, { ...opening, venue: `${venue.owner}/${venue.repo}` }, venue, config));
    else plan.push(...planStickyComment(t, VOTE_KEY(opening.n), renderVoteOpen(opening, config), null, `moderator ${opening.caller} called a vote`));
    voteState = "open";
  } else if (current && !result && input.issue.isRequest) {
    // Any veto in force during the vote closes it, even one lifted since: the outcome must not depend
    // on whether the app saw the veto while it lasted (it may have been down).
    const vetoedInTime = periods.find((p) => Date.parse(p.veto.at) <= Date.parse(current.deadline) && (!p.lift || Date.parse(p.lift.at) > Date.parse(current.opened)))?.veto ?? null;
    const source = readBallotSource(input, current);
    if (!source) {
      // A venue vote whose venue was not read (gather lists a missing one as unread): nothing to decide.
    } else if (vetoedInTime || now.getTime() >= Date.parse(current.deadline)) {
      const counted = vetoedInTime ? null : tallyVote(current, collectBallots(current, source.comments, source.voteComment), config);
      // A request edited into one intake refuses is not approved, whatever the ballots say.
      const problems = counted?.outcome === "passed" ? failsIntakeNow(input, current, config) : [];
      const tally = counted && problems.length > 0 ? { ...counted, outcome: "failed" as const, why: "the request no longer passes intake" as const } : counted;
      const why = vetoedInTime ? "the request was vetoed during the vote" : `the vote reached its deadline (${tally!.outcome})`;
      if (input.venue) {
        // The venue gets the whole result and is closed; the public request, the counts (names if configured).
        const names = d.venue !== "request" && d.venue.showNames;
        const venueBody = renderVoteResult(current.n, current.deadline, tally, vetoedInTime, config, problems, { key: VENUE_RESULT_KEY(current.n) });
        plan.push(...planStickyComment(input.venue.target, VENUE_RESULT_KEY(current.n), venueBody, hasOwnMarker(input.venue.own, VENUE_RESULT_KEY(current.n)), why));
        plan.push(...planLabels(input.venue.target, [L.voteOpen], [], [L.voteOpen], "the vote is closed"));
        if (input.venue.open) plan.push({ kind: "issue.update", target: input.venue.target, state: "closed", stateReason: "completed", reason: why });
        plan.push(...planStickyComment(t, RESULT_KEY(current.n), renderVoteResult(current.n, current.deadline, tally, vetoedInTime, config, problems, { names }), null, why));
      } else {
        plan.push(...planStickyComment(t, RESULT_KEY(current.n), renderVoteResult(current.n, current.deadline, tally, vetoedInTime, config, problems), null, why));
      }
      voteState = vetoedInTime ? "vetoed" : tally!.outcome;
      if (voteState === "passed" && d.policy === "vote") approved = true;
    } else {
      plan.push(...planReminder(input, current, source, config, now));
      plan.push(...planEditFlag(input, current));
    }
  }

  const want: string[] = [];
  const unwanted: string[] = [];
  if (input.issue.isRequest) {
    const voteLabels = { open: L.voteOpen, passed: L.votePassed, failed: L.voteFailed } as const;
    if (voteState && voteState !== "vetoed") want.push(voteLabels[voteState]);
    if (voteState) unwanted.push(L.voteOpen, L.votePassed, L.voteFailed);
    if (veto) {
      want.push(L.vetoed, L.veto);
      unwanted.push(L.approved);
    } else if (hasLabel(input.issue.labels, config.intake.labels.needsChanges)) {
      // Intake found problems (the request was edited): never approved and needing changes at once.
      unwanted.push(L.approved);
    } else {
      unwanted.push(L.vetoed, L.veto);
      if (approved) want.push(L.approved);
      else if (d.policy === "sponsorship" && hasOwnMarker(input.own, SPONSORSHIP_KEY)) unwanted.push(L.approved);
    }
    plan.push(...planVeto(input, config, periods));
    if (d.policy === "sponsorship" && !veto) {
      const existing = hasOwnMarker(input.own, SPONSORSHIP_KEY);
      if (sponsorship.approved || existing) {
        const body = renderSponsorship(sponsorship, config);
        plan.push(...planStickyComment(t, SPONSORSHIP_KEY, body, existing, sponsorship.approved ? "enough sponsors approve the request" : "sponsorship was withdrawn"));
      }
    }
  }
  plan.push(...planLabels(t, input.issue.labels, want, unwanted, veto ? `vetoed by ${veto.by}` : "the request's decision state"));
  plan.push(...planLabelReplies(input, config, steps, veto !== null));

  if (veto && input.issue.isRequest && input.issue.open) {
    plan.push({ kind: "issue.update", target: t, state: "closed", stateReason: "not_planned", reason: `vetoed by ${veto.by}` });
  }
  if (!veto && periods.length > 0 && !input.issue.open && hasLabel(input.issue.labels, L.vetoed)) {
    plan.push({ kind: "issue.update", target: t, state: "open", stateReason: "reopened", reason: "the veto was lifted" });
  }

  if (input.trigger && replies.length > 0) {
    const key = REPLY_KEY(input.trigger.commentId);
    if (!hasOwnMarker(input.own, key)) plan.push(...planStickyComment(t, key, renderReply(key, replies), null, `reply to comment ${input.trigger.commentId}`));
  }
  return plan;
}

interface BallotSource {
  comments: DecisionInput["comments"];
  voteComment: OwnComment;
}

/** Where a vote's ballots are: the request itself, or the vote issue in its private venue (null when that was not read). */
function readBallotSource(input: DecisionInput, vote: VoteRecord): BallotSource | null {
  if (!vote.venue) return { comments: input.comments, voteComment: vote.comment };
  const voteComment = input.venue ? hasOwnMarker(input.venue.own, VENUE_VOTE_KEY(vote.n)) : null;
  return input.venue && voteComment ? { comments: input.venue.comments, voteComment } : null;
}

/**
 * A vote in a private venue: the vote issue opens there (exactly once, by its marker) with the whole
 * call as its first comment (the electorate's one notice); the public request gets the vote's record
 * and "vote in progress until <deadline>", naming nobody.
 */
function planVenueOpening(input: DecisionInput, opening: VoteOpening & { venue: string }, venue: RepoRef, config: Config): Plan {
  const t = input.target;
  const ref = `${t.owner}/${t.repo}#${t.issue}`;
  return [
    ...planStickyComment(t, VOTE_KEY(opening.n), renderVoteInProgress(opening, config), null, `moderator ${opening.caller} called a vote, held in ${opening.venue}`),
    {
      kind: "issue.create",
      target: venue,
      title: `Vote: ${(input.issue.title ?? "group request").slice(0, 200)} (${ref})`,
      body: renderVenueIssue(VENUE_KEY(t, opening.n), ref, input.issue.url),
      labels: [config.decisions.labels.voteOpen],
      marker: VENUE_KEY(t, opening.n),
      comments: [renderVoteOpen(opening, config, VENUE_VOTE_KEY(opening.n))],
      reason: `the vote on ${ref} is held in ${opening.venue}`,
    },
  ];
}

/**
 * Why the request fails intake at the tally, when it does: intake's `needs-changes` label, or, when
 * the description changed since the vote pinned it, intake's own checks on the text as it reads now
 * (intake runs on the same edit side by side, so its label may not be there yet).
 */
function failsIntakeNow(input: DecisionInput, vote: VoteRecord, config: Config): string[] {
  const edited = vote.bodySha256 !== undefined && input.issue.bodySha256 !== undefined && vote.bodySha256 !== input.issue.bodySha256;
  const problems = edited ? (input.issue.intakeProblems ?? []) : [];
  if (problems.length > 0) return problems;
  const label = config.intake.labels.needsChanges;
  return hasLabel(input.issue.labels, label) ? [`the request is labelled \`${label}\` by intake`] : [];
}

/** The vote comment flags, once, a description that no longer matches the one pinned at the opening. */
function planEditFlag(input: DecisionInput, vote: VoteRecord): Plan {
  if (!vote.bodySha256 || !input.issue.bodySha256 || vote.bodySha256 === input.issue.bodySha256) return [];
  if (hasMarker(vote.comment.body, EDITED_KEY(vote.n))) return [];
  const body = `${vote.comment.body.trimEnd()}\n\n${renderEditFlag(vote.n, input.issue.lastEditedAt, input.issue.url)}\n`;
  return planStickyComment(input.target, VOTE_KEY(vote.n), body, vote.comment, `the request was edited during vote ${vote.n}`);
}

/**
 * One reminder per vote, `reminderBefore` its deadline, naming the moderators with no ballot yet: the
 * sweep posts it (GitHub sends no event at that time), or any event on the request after that time.
 * Not when the vote is shorter than the reminder lead (the opening notice was the reminder), nor
 * when everyone has voted.
 */
function planReminder(input: DecisionInput, vote: VoteRecord, source: BallotSource, config: Config, now: Date): Plan {
  const before = parseDuration(config.decisions.reminderBefore);
  const remindAt = Date.parse(vote.deadline) - before;
  if (before <= 0 || remindAt <= Date.parse(vote.opened) || now.getTime() < remindAt) return [];
  const where = input.venue ?? input;
  if (hasOwnMarker(where.own, REMINDER_KEY(vote.n))) return [];
  const voted = new Set(collectBallots(vote, source.comments, source.voteComment).filter((b) => Date.parse(b.at) <= Date.parse(vote.deadline)).map((b) => b.voter.toLowerCase()));
  const silent = vote.electorate.filter((e) => !voted.has(e.toLowerCase()));
  if (silent.length === 0) return [];
  return planStickyComment(where.target, REMINDER_KEY(vote.n), renderReminder(vote.n, vote.deadline, silent), null, `${config.decisions.reminderBefore} before the deadline of vote ${vote.n}`);
}

/**
 * A request whose comments, reactions or label changes pass their caps: the vote comment, a ballot
 * or a veto may be among what was not read, so nothing is decided, and one comment says why.
 */
function planUnread(input: DecisionInput): Plan {
  if (hasOwnMarker(input.own, UNREAD_KEY)) return [];
  return planStickyComment(input.target, UNREAD_KEY, renderUnread(input.unread), null, "lists past their caps: nothing can be decided safely");
}

/** One comment per veto (who, why, what it reversed), updated in place when the veto is lifted. */
function planVeto(input: DecisionInput, config: Config, periods: readonly VetoPeriod[]): Plan {
  const votes = readVotes(input.own);
  const results = readResults(input.own);
  return periods.flatMap((period) => {
    const at = Date.parse(period.veto.at);
    const flags = rolesOf(input, period.veto.by);
    const passedBefore = results.some((r) => r.outcome === "passed" && Date.parse(input.own.find((c) => c.id === r.commentId)?.createdAt ?? "") <= at);
    const sponsoredBefore = config.decisions.policy === "sponsorship" && readSponsorship(input, config, period.veto.at).approved;
    const closedVote = votes.some((v) => Date.parse(v.opened) <= at && at <= Date.parse(v.deadline));
    const body = renderVeto(period, { role: flags.lead ? "lead maintainer" : "core maintainer", reversed: passedBefore || sponsoredBefore, closedVote }, config);
    const key = VETO_KEY(period);
    const existing = hasOwnMarker(input.own, key);
    return planStickyComment(input.target, key, body, existing, period.lift ? `veto lifted by ${period.lift.by}` : `vetoed by ${period.veto.by}`);
  });
}

/** One reply when the app undoes someone's unauthorised change of the veto label. */
function planLabelReplies(input: DecisionInput, config: Config, steps: ReturnType<typeof readVetoSteps>, vetoed: boolean): Plan {
  if (!input.issue.isRequest) return [];
  const last = lastLabelStep(steps);
  if (!last || last.authorised) return [];
  const present = hasLabel(input.issue.labels, config.decisions.labels.veto);
  const item: ReplyItem | null =
    present && !vetoed && last.kind === "veto" ? { labelAdded: true } : !present && vetoed && last.kind === "lift" ? { labelRemoved: true } : null;
  if (!item) return [];
  const key = REPLY_KEY(last.key);
  if (hasOwnMarker(input.own, key)) return [];
  const reply = { ...item, who: quoteHandle(last.by), maintainers: input.holders.maintainers.map(quoteHandle).join(", ") || "none configured", vetoLabel: config.decisions.labels.veto };
  return planStickyComment(input.target, key, renderReply(key, [reply]), null, `undo ${last.by}'s unauthorised change of the veto label`);
}
