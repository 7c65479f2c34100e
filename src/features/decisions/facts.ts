import type { Command } from "../../core/commands.js";
import type { IssueRef } from "../../core/plan.js";
import type { VenueState } from "./venue.js";

/**
 * What `decide` knows about one group request: GitHub's state as gather read it, reduced to plain
 * facts. Everything the decision depends on is here, so a table test can build it by hand.
 */
export interface DecisionInput {
  target: IssueRef;
  issue: {
    open: boolean;
    stateReason: string | null;
    labels: string[];
    isRequest: boolean;
    title?: string;
    /** The request's page, for links (its edit history is shown there). */
    url?: string;
    /** sha256 of the description as it reads now: a vote pins it at the opening. */
    bodySha256?: string;
    lastEditedAt?: string | null;
    /** Why the description fails intake's checks now (those that need no look-up); empty when it passes. */
    intakeProblems?: string[];
  };
  /** Comments by people (never the app, never bots), as they stand now, oldest first. */
  comments: HumanComment[];
  /** Comments the app wrote (trusted markers live here), oldest first. */
  own: OwnComment[];
  /** Changes of the veto label by people, oldest first (the app's own changes are left out). */
  vetoLabelEvents: LabelEvent[];
  /** Roles of everyone whose command or label change matters, by lower-case login. */
  roles: Record<string, RoleFlags>;
  /** The comment that triggered this run, if any: the one that gets replies. */
  trigger: { commentId: number; author: string; createdAt: string; commands: Command[] } | null;
  /** Moderators now: only read when this run opens a vote (they become its electorate). */
  moderators: string[];
  /** The configured role holders, for "who may" messages (e.g. `@org/core-maintainers`). */
  holders: { moderators: string[]; maintainers: string[] };
  /**
   * Lists cut by their cap (e.g. "comments (only the newest 3000 were read)"): a ballot, a vote
   * comment or a veto may be among the unread items, so nothing is decided while any is listed.
   */
  unread: string[];
  /** The running vote's issue in the private venue, when votes are held there (read only while one runs). */
  venue?: VenueState | null;
}

export interface RoleFlags {
  moderator: boolean;
  core: boolean;
  lead: boolean;
}

export interface HumanComment {
  id: number;
  author: string;
  createdAt: string;
  lastEditedAt: string | null;
  commands: Command[];
  /** The comment's address, for the record of ballots. */
  url?: string;
}

export interface OwnComment {
  id: number;
  /** Its GraphQL node id, when read: an update needs no lookup. */
  nodeId?: string;
  body: string;
  createdAt: string;
  reactions: Reaction[];
}

export interface Reaction {
  content: string;
  user: string;
  createdAt: string;
  isBot: boolean;
}

export interface LabelEvent {
  action: "labeled" | "unlabeled";
  actor: string;
  at: string;
}

export const NO_ROLES: RoleFlags = { moderator: false, core: false, lead: false };

export function rolesOf(input: Pick<DecisionInput, "roles">, login: string): RoleFlags {
  return input.roles[login.toLowerCase()] ?? NO_ROLES;
}

export function canVeto(flags: RoleFlags): boolean {
  return flags.core || flags.lead;
}

/** Ballot and event times: later ISO strings sort later. */
export function isAfter(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}
