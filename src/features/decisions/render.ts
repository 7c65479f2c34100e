import type { Config } from "../config-schema.js";
import { escapeUserText, mentionHandle, quoteHandle } from "../../core/escape.js";
import { isGitHubLogin } from "../../core/github-login.js";
import { parseRoleEntry } from "../../core/roles.js";
import { renderMarker } from "../../core/markers.js";
import { renderTemplate } from "../../core/templates.js";
import { formatTime, type ReplyItem } from "./replies.js";
import { describeArithmetic, describeRule } from "./rule.js";
import type { Sponsorship } from "./sponsors.js";
import type { Ballot, Tally } from "./tally.js";
import type { VetoPeriod } from "./veto.js";
import { RESULT_KEY, VOTE_KEY } from "./vote-state.js";

const handles = (logins: readonly string[]) => (logins.length ? logins.map(quoteHandle).join(", ") : "—");

export interface VoteOpening {
  n: number;
  opened: string;
  deadline: string;
  electorate: string[];
  calledBy: number;
  caller: string;
  kind: string;
  /** sha256 of the request's description at the opening, and the request's page. */
  bodySha256?: string;
  url?: string;
  /** The private repository (`owner/name`) it is held in, if any. */
  venue?: string;
}

const voteMarkerData = (v: VoteOpening) => ({
  opened: v.opened, deadline: v.deadline, electorate: v.electorate, calledBy: v.calledBy,
  ...(v.bodySha256 ? { bodySha256: v.bodySha256 } : {}),
  ...(v.venue ? { venue: v.venue } : {}),
});

export function renderVoteOpen(v: VoteOpening, config: Config, key = VOTE_KEY(v.n)): string {
  const d = config.decisions;
  return renderTemplate("decision-vote-open", {
    marker: renderMarker(key, voteMarkerData(v)),
    pin: v.bodySha256 ? `\`${v.bodySha256.slice(0, 12)}\`` : "",
    history: v.url ?? "",
    deadline: formatTime(v.deadline),
    caller: quoteHandle(v.caller),
    kind: v.kind,
    duration: d.voteDuration,
    electorateCount: v.electorate.length,
    electorate: handles(v.electorate),
    notify: listNotified(config, v.electorate).join(" "),
    rule: describeRule(config, v.electorate.length),
    vetoLabel: d.labels.veto,
  });
}

/**
 * Who the vote comment mentions, the one notice of an opening: each configured moderators team (one
 * mention reaches all its members), and each moderator named as a user; when the moderators are
 * users only, that is each member of the electorate once. Nothing else the app writes mentions them
 * (the reminder aside), so a moderator is notified once per vote.
 */
export function listNotified(config: Config, electorate: readonly string[]): string[] {
  const entries = config.roles.moderators.map(parseRoleEntry);
  const teams = entries.filter((e) => e.kind === "team" && isGitHubLogin(e.org!) && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(e.team!));
  const users = teams.length > 0 ? entries.filter((e) => e.kind === "user").map((e) => e.login!) : electorate;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const handle of [...teams.map((t) => `@${t.org}/${t.team}`), ...users.map(mentionHandle)]) {
    if (seen.has(handle.toLowerCase())) continue;
    seen.add(handle.toLowerCase());
    out.push(handle);
  }
  return out;
}

/** The public request's notice of a vote held in a private venue: the vote's record, progress, no names. */
export function renderVoteInProgress(v: VoteOpening, config: Config): string {
  return renderTemplate("decision-vote-in-progress", {
    marker: renderMarker(VOTE_KEY(v.n), voteMarkerData(v)),
    deadline: formatTime(v.deadline),
    caller: quoteHandle(v.caller),
    electorateCount: v.electorate.length,
    rule: describeRule(config, v.electorate.length),
    pin: v.bodySha256 ? `\`${v.bodySha256.slice(0, 12)}\`` : "",
    vetoLabel: config.decisions.labels.veto,
  });
}

/** The venue's vote issue body: which public request it decides (the call itself is its first comment). */
export function renderVenueIssue(key: string, ref: string, url: string | undefined): string {
  return `${renderMarker(key)}\nThe community moderators' vote on ${url ? `[${ref}](${url})` : ref}, held here in private. The call, the rule and how to vote are in the first comment; the outcome is posted on the public request with the counts.\n`;
}

export const EDITED_KEY = (n: number) => `decisions:edited:${n}`;

/**
 * The flag appended to the vote comment when the request's description no longer matches the one
 * pinned at the opening: ballots cast before may have judged another text.
 */
export function renderEditFlag(n: number, editedAt: string | null | undefined, url: string | undefined): string {
  const when = editedAt ? ` (edited ${formatTime(editedAt)})` : "";
  const where = url ? ` Compare the versions in the request's [edit history](${url}) (the "edited" menu of its description).` : "";
  return `${renderMarker(EDITED_KEY(n))}\n⚠️ **The request was edited during this vote**${when}: its description no longer matches the one pinned at the opening. Ballots cast before the edit may have judged another text, and at the tally the request must still pass intake's checks to be approved.${where}`;
}

/** One line of the record: who, what, when, and how (a linked comment, or a reaction). */
function describeBallot(b: Ballot, note: string): string {
  const how = b.via === "reaction" ? `${b.choice === "yes" ? "👍" : "👎"} on the vote comment at ${formatTime(b.at)}` : `${b.url ? `[comment](${b.url})` : "comment"} at ${formatTime(b.at)}`;
  return `${quoteHandle(b.voter)}: ${b.choice}, ${how}${note}`;
}

/** Every ballot, oldest first, each marked when it did not count: changes of mind stay on the record. */
function listRecord(tally: Tally): { line: string }[] {
  const counted = new Set<Ballot>();
  const latest = new Map<string, Ballot>();
  for (const b of tally.record) if (!tally.late.includes(b)) latest.set(b.voter.toLowerCase(), b);
  for (const b of latest.values()) counted.add(b);
  const electorate = new Set(tally.electorate.map((e) => e.toLowerCase()));
  return tally.record.map((b) => {
    const note = tally.late.includes(b)
      ? " (late, not counted)"
      : !counted.has(b)
        ? " (replaced by a later ballot)"
        : !electorate.has(b.voter.toLowerCase())
          ? " (non-binding)"
          : "";
    return { line: describeBallot(b, note) };
  });
}

export function renderVoteResult(
  n: number,
  deadline: string,
  tally: Tally | null,
  veto: { by: string; at: string } | null,
  config: Config,
  intakeProblems: readonly string[] = [],
  options: { key?: string; names?: boolean } = {},
): string {
  const names = options.names ?? true;
  const outcome = veto ? "vetoed" : tally!.outcome;
  const silent = tally ? tally.electorate.filter((e) => ![...tally.yes, ...tally.no, ...tally.abstain].some((v) => v.toLowerCase() === e.toLowerCase())) : [];
  const ballotText = (bs: Tally["late"]) => bs.map((b) => `${quoteHandle(b.voter)} (${b.choice}, ${b.via})`).join(", ");
  return renderTemplate("decision-vote-result", {
    marker: renderMarker(options.key ?? RESULT_KEY(n), { outcome }),
    names,
    passed: outcome === "passed",
    failed: outcome === "failed",
    vetoed: outcome === "vetoed",
    why: tally && tally.why !== "no majority" ? tally.why : "",
    vetoer: veto ? quoteHandle(veto.by) : "",
    vetoedAt: veto ? formatTime(veto.at) : "",
    counted: tally !== null && !veto,
    deadline: formatTime(deadline),
    arithmetic: tally ? describeArithmetic(tally, config) : "",
    record: tally && !veto ? listRecord(tally) : [],
    intakeProblems: intakeProblems.map((problem) => ({ problem: escapeUserText(problem, 300) })),
    yesCount: tally?.yes.length ?? 0,
    noCount: tally?.no.length ?? 0,
    abstainCount: tally?.abstain.length ?? 0,
    electorateCount: tally?.electorate.length ?? 0,
    yes: handles(tally?.yes ?? []),
    no: handles(tally?.no ?? []),
    abstain: handles(tally?.abstain ?? []),
    silent: handles(silent),
    nonBinding: veto || !names ? [] : tally?.nonBinding ?? [],
    nonBindingText: ballotText(tally?.nonBinding ?? []),
    late: veto || !names ? [] : tally?.late ?? [],
    lateText: ballotText(tally?.late ?? []),
    approvedLabel: config.decisions.labels.approved,
  });
}

export const VETO_KEY = (period: VetoPeriod) => `decisions:veto:${period.veto.key}`;

export function renderVeto(period: VetoPeriod, facts: { role: string; reversed: boolean; closedVote: boolean }, config: Config): string {
  const { veto, lift } = period;
  return renderTemplate("decision-veto", {
    marker: renderMarker(VETO_KEY(period)),
    vetoer: quoteHandle(veto.by),
    role: facts.role,
    at: formatTime(veto.at),
    viaLabel: veto.via === "label",
    vetoLabel: config.decisions.labels.veto,
    reason: veto.reason ?? "",
    reversed: facts.reversed,
    closedVote: facts.closedVote,
    approvedLabel: config.decisions.labels.approved,
    lifted: lift !== null,
    lifter: lift ? quoteHandle(lift.by) : "",
    liftedAt: lift ? formatTime(lift.at) : "",
    restoredApproval: lift !== null && facts.reversed,
  });
}

export const SPONSORSHIP_KEY = "decisions:sponsorship";

export function renderSponsorship(s: Sponsorship, config: Config): string {
  const need = config.decisions.sponsorship;
  return renderTemplate("decision-sponsorship", {
    marker: renderMarker(SPONSORSHIP_KEY),
    approved: s.approved,
    sponsors: s.sponsors.length ? s.sponsors.map((x) => `${quoteHandle(x.login)} (${x.lead ? "lead" : "core"})`).join(", ") : "none",
    history: s.history.map((h) => ({ line: `${formatTime(h.at)}: ${quoteHandle(h.login)} ${h.action === "sponsor" ? "sponsored" : "withdrew their sponsorship"}` })),
    coreNeeded: need.coreMaintainers,
    leadNeeded: need.leadMaintainers,
    approvedLabel: config.decisions.labels.approved,
  });
}

export const REPLY_KEY = (id: string | number) => `decisions:reply:${id}`;

export function renderReply(key: string, items: ReplyItem[]): string {
  return renderTemplate("decision-reply", { marker: renderMarker(key), items });
}

export const UNREAD_KEY = "decisions:unread";

/** Why the app decides nothing on a request too long for it to read whole. */
export function renderUnread(unread: readonly string[]): string {
  return renderTemplate("decision-unread", { marker: renderMarker(UNREAD_KEY), lists: unread.map((what) => ({ what })) });
}

export const REMINDER_KEY = (n: number) => `decisions:reminder:${n}`;

/** The one reminder before the deadline: it mentions only the moderators who have not voted. */
export function renderReminder(n: number, deadline: string, silent: readonly string[]): string {
  return renderTemplate("decision-vote-reminder", { marker: renderMarker(REMINDER_KEY(n)), deadline: formatTime(deadline), notify: silent.map(mentionHandle).join(", ") });
}
