/**
 * What the governance page shows for one community repository: public data only (no ballots by
 * name while a vote runs), already reduced from GitHub's answers so rendering is a pure function.
 */
export interface GroupRow {
  name: string;
  kind: "wg" | "ig";
  tag: string;
  leads: string[];
  meetingFrequency?: string;
  status: string;
  path: string;
  /** ISO time of the latest human activity on the group's tagged issues and pull requests, if any was read. */
  lastHumanActivity?: string;
  /** Human activity per week, oldest first, over the last 26 weeks. */
  weekly: number[];
}

export interface ItemRef {
  number: number;
  title: string;
  url: string;
}

export interface RequestRow extends ItemRef {
  kind: string;
  state: string;
}

export interface VoteRow extends ItemRef {
  deadline: string;
  /** Electorate members whose ballot counts so far (the names wait for the result). */
  binding: number;
  electorate: number;
}

export interface ProposalRow extends ItemRef {
  pull: boolean;
  deadline?: string;
  state?: string;
  size?: string;
}

export interface MeetingRow {
  groupName: string;
  tag: string;
  title: string;
  startUtc: string;
  localLabel: string;
  utcLabel: string;
  cancelled: boolean;
  notesUrl?: string;
  feedUrl: string;
}

export interface SepRow {
  number: number | null;
  title: string;
  status: string;
  workingGroup?: string;
  prUrl?: string;
  path: string;
}

export interface GovernanceView {
  repo: string;
  url: string;
  groups: GroupRow[];
  requests: RequestRow[];
  votes: VoteRow[];
  proposals: ProposalRow[];
  meetings: MeetingRow[];
  seps: SepRow[];
  reviews: ItemRef[];
  /** What could not be read (the rest of the page still shows). */
  problems: string[];
}
