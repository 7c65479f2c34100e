/**
 * The stand-in's in-memory GitHub: accounts, teams, repositories with commits, issues and pull
 * requests (one numbering, as on GitHub), comments, labels, timelines, reactions and check runs.
 * REST routes, GraphQL resolvers and the control API all read and change this one state.
 */
export type AccountType = "User" | "Bot" | "Organization";

export interface Account {
  id: number;
  login: string;
  type: AccountType;
  name?: string;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  name: string;
  members: string[];
}

export interface Commit {
  sha: string;
  parent: string | null;
  message: string;
  author: string;
  date: string;
  /** Every file of the tree at this commit: path → content. */
  files: Map<string, string>;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Reaction {
  id: number;
  content: string;
  user: string;
  created_at: string;
}

export interface Comment {
  id: number;
  body: string;
  user: string;
  viaApp: boolean;
  created_at: string;
  updated_at: string;
  reactions: Reaction[];
}

export interface TimelineEvent {
  id: number;
  event: "labeled" | "unlabeled" | "closed" | "reopened" | "renamed";
  actor: string;
  created_at: string;
  label?: string;
}

/** GitHub lists at most this many files of a pull request (REST and GraphQL alike). */
export const MAX_LISTED_PULL_FILES = 3000;

export interface PullFields {
  headSha: string;
  headRef: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  files: { filename: string; status: "added" | "modified" | "removed"; additions: number; deletions: number; patch?: string }[];
  /** Submitted reviews, oldest first. */
  reviews?: Review[];
}

export interface Review {
  id: number;
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED";
  body: string;
  submitted_at: string;
}

export interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** When the title or body was last edited (GraphQL `lastEditedAt`); unset until then. */
  last_edited_at?: string | null;
  comments: Comment[];
  events: TimelineEvent[];
  reactions: Reaction[];
  pull?: PullFields;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Record<string, unknown>[];
}

/** A repository's Discussion (GitHub numbers discussions in the same sequence as issues). */
export interface Discussion {
  id: number;
  number: number;
  title: string;
  body: string;
  user: string;
  /** The id of its category (`DiscussionCategory`). */
  category: number;
  closed: boolean;
  state_reason: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  comments: Comment[];
}

export interface DiscussionCategory {
  id: number;
  name: string;
  slug: string;
}

export interface CommitComment {
  id: number;
  commit_id: string;
  body: string;
  user: string;
  created_at: string;
}

export interface Repo {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  created_at: string;
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  labels: Map<string, Label>;
  issues: Map<number, Issue>;
  checkRuns: CheckRun[];
  commitComments: CommitComment[];
  nextNumber: number;
  /** A private repository (e.g. the moderators' own); public when unset. */
  private?: boolean;
  /** Discussions and their categories, made on first use (GitHub's default categories). */
  discussions?: Map<number, Discussion>;
  discussionCategories?: DiscussionCategory[];
}

/** The categories GitHub gives a repository when Discussions are turned on. */
const DEFAULT_DISCUSSION_CATEGORIES = ["Announcements", "General", "Ideas", "Polls", "Q&A", "Show and tell"];

export interface AppInfo {
  id: number;
  slug: string;
  name: string;
  installationId: number;
  /** The app's bot account, `<slug>[bot]`. */
  botLogin: string;
}

export class State {
  readonly accounts = new Map<string, Account>();
  readonly teams = new Map<string, Team>();
  readonly repos = new Map<string, Repo>();
  /** Shifts the stand-in's clock, so deadlines can pass without waiting. */
  clockOffsetMs = 0;
  /** Other installations of the app that GitHub suspended: listed, but no token is made for them. */
  readonly suspendedInstallations = new Map<number, string>();
  private nextId = 1000;

  constructor(readonly app: AppInfo) {
    this.addAccount(app.botLogin, "Bot");
  }

  id(): number {
    return this.nextId++;
  }

  now(): string {
    return new Date(Date.now() + this.clockOffsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  account(login: string): Account | undefined {
    return this.accounts.get(login.toLowerCase());
  }

  addAccount(login: string, type: AccountType = "User", name?: string): Account {
    const existing = this.account(login);
    if (existing) return existing;
    const account: Account = { id: this.id(), login, type, ...(name ? { name } : {}) };
    this.accounts.set(login.toLowerCase(), account);
    return account;
  }

  team(org: string, slug: string): Team | undefined {
    return this.teams.get(`${org}/${slug}`.toLowerCase());
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  headCommit(repo: Repo, ref = repo.defaultBranch): Commit | undefined {
    const sha = repo.branches.get(ref) ?? (repo.commits.has(ref) ? ref : undefined);
    return sha ? repo.commits.get(sha) : undefined;
  }

  /** The label as defined in the repository, created (like GitHub does) when first used. */
  ensureLabel(repo: Repo, name: string): Label {
    const key = name.toLowerCase();
    let label = repo.labels.get(key);
    if (!label) {
      label = { id: this.id(), name, color: "ededed", description: null };
      repo.labels.set(key, label);
    }
    return label;
  }

  /** The repository's discussions and categories, with GitHub's default categories on first use. */
  discussionsOf(repo: Repo): { discussions: Map<number, Discussion>; categories: DiscussionCategory[] } {
    repo.discussions ??= new Map();
    repo.discussionCategories ??= DEFAULT_DISCUSSION_CATEGORIES.map((name) => ({
      id: this.id(), name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
    }));
    return { discussions: repo.discussions, categories: repo.discussionCategories };
  }

  /** Looks a comment up anywhere in a repository (REST addresses comments by id only). */
  findComment(repo: Repo, id: number): { issue: Issue; comment: Comment } | undefined {
    for (const issue of repo.issues.values()) {
      const comment = issue.comments.find((c) => c.id === id);
      if (comment) return { issue, comment };
    }
    return undefined;
  }
}
