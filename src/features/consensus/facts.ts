import type { Command } from "../../core/commands.js";
import type { IssueRef } from "../../core/plan.js";

/** A Working Group as a proposal needs it: who leads, who is a WG Member, and their organisations. */
export interface ConsensusGroup {
  name: string;
  tag: string;
  /** Lower-case logins of the leads. */
  leads: string[];
  /** Active WG Members (leads included), as written in the charter. */
  members: { login: string; organization: string }[];
}

export interface ConsensusComment {
  id: number;
  author: string;
  createdAt: string;
  /** Set when the comment was edited: a command added or changed by an edit takes effect then. */
  lastEditedAt?: string | null;
  /** The whole body: a block's alternatives or criteria may be on other lines than the command. */
  body: string;
  commands: Command[];
}

export interface OwnComment {
  id: number;
  nodeId?: string;
  body: string;
  createdAt: string;
}

/**
 * What `decide` knows about one issue or pull request: GitHub's state as gather read it, reduced to
 * plain facts, so a table test can build it by hand.
 */
export interface ConsensusInput {
  target: IssueRef;
  labels: string[];
  /** The open Working Groups whose tag labels the item (one is needed to propose). */
  groups: ConsensusGroup[];
  /** Comments by people (never the app, never bots), oldest first. */
  comments: ConsensusComment[];
  /** The app's own comments (the only place a marker is believed), oldest first. */
  own: OwnComment[];
  /** The comment that triggered this run (gets the one reply), if any. */
  trigger: { commentId: number } | null;
  /** Set when some comments were not read: nothing is decided on part of the record. */
  unread: boolean;
}

/** Ballot and event times: later ISO strings sort later. */
export const timeOf = (iso: string) => Date.parse(iso);

/**
 * When a comment's commands took effect: its last edit, if any. An old comment edited after the
 * deadline to add a `/block` or change a ballot is as late as a new one.
 */
export function effectiveTime(c: Pick<ConsensusComment, "createdAt" | "lastEditedAt">): string {
  return c.lastEditedAt && timeOf(c.lastEditedAt) > timeOf(c.createdAt) ? c.lastEditedAt : c.createdAt;
}
