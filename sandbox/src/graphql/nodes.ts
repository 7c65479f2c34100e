import type { Changes } from "../changes.js";
import { MAX_LISTED_PULL_FILES, type CheckRun, type Comment, type Commit, type Issue, type Reaction, type Repo, type State } from "../state.js";
import { connection, type PageArgs } from "./connection.js";
import { discussionFields } from "./discussions.js";

/**
 * GraphQL objects over the state. A field is a property or a method `(args, ctx) => value`; the
 * executor's field resolver calls methods and fills anything missing with an empty value.
 */
export interface GqlContext {
  state: State;
  /** The login the query runs as (the app's bot), for `viewerDidAuthor` and `viewer`. */
  viewer: string;
  webUrl: string;
  /** Where mutations record their changes (state, timeline, webhooks); without it mutations are refused. */
  changes?: Changes;
}

/** An error GitHub reports in `errors` with a `type` (e.g. NOT_FOUND) while the field is null. */
export class TypedError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

const REACTIONS: Record<string, string> = {
  "+1": "THUMBS_UP", "-1": "THUMBS_DOWN", laugh: "LAUGH", hooray: "HOORAY", confused: "CONFUSED", heart: "HEART", rocket: "ROCKET", eyes: "EYES",
};
export const id = (kind: string, n: number | string) => Buffer.from(`${kind}:${n}`).toString("base64").replace(/=+$/, "");

export function actorNode(ctx: GqlContext, login: string | null | undefined) {
  if (!login) return null;
  const account = ctx.state.account(login);
  const type = account?.type === "Bot" ? "Bot" : account?.type === "Organization" ? "Organization" : "User";
  // A bot's GraphQL login has no `[bot]` suffix.
  const shown = type === "Bot" ? login.replace(/\[bot\]$/, "") : login;
  return {
    __typename: type,
    id: id(type, account?.id ?? 0),
    databaseId: account?.id ?? null,
    login: shown,
    name: account?.name ?? null,
    url: `${ctx.webUrl}/${shown}`,
    avatarUrl: `${ctx.webUrl}/avatars/${shown}`,
    resourcePath: `/${shown}`,
  };
}

function reactionsOf(ctx: GqlContext, list: Reaction[]) {
  return (args: PageArgs & { content?: string }) => {
    const nodes = list
      .map((r) => ({ __typename: "Reaction", id: id("Reaction", r.id), databaseId: r.id, content: REACTIONS[r.content] ?? "THUMBS_UP", createdAt: r.created_at, user: actorNode(ctx, r.user) }))
      .filter((r) => !args.content || r.content === args.content);
    return connection(nodes, args);
  };
}

export function commentNode(ctx: GqlContext, repo: Repo, issue: Issue, c: Comment) {
  return {
    __typename: "IssueComment",
    id: id("IssueComment", c.id),
    databaseId: c.id,
    fullDatabaseId: String(c.id),
    body: c.body,
    bodyText: c.body,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    publishedAt: c.created_at,
    lastEditedAt: c.updated_at !== c.created_at ? c.updated_at : null,
    includesCreatedEdit: c.updated_at !== c.created_at,
    viewerDidAuthor: c.user.toLowerCase() === ctx.viewer.toLowerCase(),
    author: actorNode(ctx, c.user),
    url: `${ctx.webUrl}/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${c.id}`,
    isMinimized: false,
    reactions: reactionsOf(ctx, c.reactions),
    issue: () => issueNode(ctx, repo, issue),
  };
}

const EVENT_TYPES: Record<string, string> = { labeled: "LabeledEvent", unlabeled: "UnlabeledEvent", closed: "ClosedEvent", reopened: "ReopenedEvent", renamed: "RenamedTitleEvent" };
const ITEM_TYPE = (typename: string) => typename.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

function timelineOf(ctx: GqlContext, repo: Repo, issue: Issue) {
  return (args: PageArgs & { itemTypes?: string[]; since?: string }) => {
    const events = issue.events.map((e) => ({
      __typename: EVENT_TYPES[e.event]!,
      id: id("Event", e.id),
      createdAt: e.created_at,
      actor: actorNode(ctx, e.actor),
      label: e.label ? { __typename: "Label", name: e.label, color: ctx.state.ensureLabel(repo, e.label).color } : null,
    }));
    const items = [...events, ...issue.comments.map((c) => commentNode(ctx, repo, issue, c)), ...pullItemsOf(ctx, repo, issue)]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .filter((x) => !args.itemTypes?.length || args.itemTypes.includes(ITEM_TYPE(x.__typename)))
      .filter((x) => !args.since || x.createdAt >= args.since);
    return connection(items, args);
  };
}

/** A pull request's own commits (on its branch, not on its base) and its reviews, as timeline items. */
function pullItemsOf(ctx: GqlContext, repo: Repo, issue: Issue): { __typename: string; createdAt: string }[] {
  const p = issue.pull;
  if (!p) return [];
  const onBase = new Set<string>();
  for (let sha = repo.branches.get(p.baseRef); sha; sha = repo.commits.get(sha)?.parent ?? undefined) onBase.add(sha);
  const commits = [];
  for (let c = repo.commits.get(p.headSha); c && !onBase.has(c.sha); c = c.parent ? repo.commits.get(c.parent) : undefined) {
    // `createdAt` is no field of PullRequestCommit: it only orders the timeline.
    commits.unshift({ __typename: "PullRequestCommit", id: id("PullRequestCommit", c.sha), createdAt: c.date, commit: commitNode(ctx, repo, c) });
  }
  const reviews = (p.reviews ?? []).map((r) => ({
    __typename: "PullRequestReview", id: id("PullRequestReview", r.id), databaseId: r.id, createdAt: r.submitted_at, submittedAt: r.submitted_at,
    author: actorNode(ctx, r.user), state: r.state, body: r.body, url: `${ctx.webUrl}/${repo.owner}/${repo.name}/pull/${issue.number}#pullrequestreview-${r.id}`,
  }));
  return [...commits, ...reviews];
}

export function issueNode(ctx: GqlContext, repo: Repo, issue: Issue): Record<string, unknown> {
  const isPull = Boolean(issue.pull);
  const url = `${ctx.webUrl}/${repo.owner}/${repo.name}/${isPull ? "pull" : "issues"}/${issue.number}`;
  const node: Record<string, unknown> = {
    __typename: isPull ? "PullRequest" : "Issue",
    id: id(isPull ? "PullRequest" : "Issue", issue.id),
    databaseId: issue.id,
    fullDatabaseId: String(issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    bodyText: issue.body ?? "",
    state: isPull && issue.pull!.merged ? "MERGED" : issue.state.toUpperCase(),
    stateReason: issue.state_reason ? issue.state_reason.toUpperCase() : null,
    closed: issue.state === "closed",
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    lastEditedAt: issue.last_edited_at ?? null,
    closedAt: issue.closed_at,
    url,
    resourcePath: new URL(url).pathname,
    author: actorNode(ctx, issue.user),
    viewerDidAuthor: issue.user.toLowerCase() === ctx.viewer.toLowerCase(),
    locked: false,
    repository: () => repositoryNode(ctx, repo),
    labels: (args: PageArgs) => connection(issue.labels.map((name) => labelNode(ctx, repo, name)), args),
    comments: (args: PageArgs) => connection(issue.comments.map((c) => commentNode(ctx, repo, issue, c)), args),
    reactions: reactionsOf(ctx, issue.reactions),
    assignees: (args: PageArgs) => connection(issue.assignees.map((a) => actorNode(ctx, a)), args),
    timelineItems: timelineOf(ctx, repo, issue),
    participants: (args: PageArgs) => connection([...new Set([issue.user, ...issue.comments.map((c) => c.user)])].map((l) => actorNode(ctx, l)), args),
  };
  if (isPull) {
    const p = issue.pull!;
    Object.assign(node, {
      headRefOid: p.headSha,
      headRefName: p.headRef,
      baseRefName: p.baseRef,
      baseRefOid: repo.branches.get(p.baseRef) ?? "",
      isDraft: p.draft,
      merged: p.merged,
      mergedAt: p.merged ? issue.closed_at : null,
      changedFiles: p.files.length,
      additions: p.files.reduce((n, f) => n + f.additions, 0),
      deletions: p.files.reduce((n, f) => n + f.deletions, 0),
      files: (args: PageArgs) =>
        connection(p.files.slice(0, MAX_LISTED_PULL_FILES).map((f) => ({ __typename: "PullRequestChangedFile", path: f.filename, additions: f.additions, deletions: f.deletions, changeType: f.status === "removed" ? "DELETED" : f.status.toUpperCase() })), args),
      headRef: { __typename: "Ref", name: p.headRef, target: commitNode(ctx, repo, repo.commits.get(p.headSha)) },
      // One commit per push in the stand-in; the head commit carries the check suites.
      commits: (args: PageArgs) => connection([{ __typename: "PullRequestCommit", id: id("PullRequestCommit", p.headSha), commit: commitNode(ctx, repo, repo.commits.get(p.headSha)) }], args),
    });
  }
  return node;
}

export function labelNode(ctx: GqlContext, repo: Repo, name: string) {
  const label = ctx.state.ensureLabel(repo, name);
  return { __typename: "Label", id: id("Label", label.id), name: label.name, color: label.color, description: label.description };
}

export function commitNode(ctx: GqlContext, repo: Repo, commit: Commit | undefined): Record<string, unknown> | null {
  if (!commit) return null;
  return {
    __typename: "Commit",
    id: id("Commit", commit.sha),
    oid: commit.sha,
    abbreviatedOid: commit.sha.slice(0, 7),
    message: commit.message,
    messageHeadline: commit.message.split("\n")[0],
    committedDate: commit.date,
    authoredDate: commit.date,
    pushedDate: commit.date,
    url: `${ctx.webUrl}/${repo.owner}/${repo.name}/commit/${commit.sha}`,
    tree: treeNode(commit, ""),
    checkSuites: (args: PageArgs) => connection(checkSuitesOf(ctx, repo, commit.sha), args),
    // The pull requests whose head is this commit (a PR's earlier commits are not tracked here).
    associatedPullRequests: (args: PageArgs) =>
      connection([...repo.issues.values()].filter((i) => i.pull?.headSha === commit.sha).map((i) => issueNode(ctx, repo, i)), args),
    file: ({ path }: { path: string }) => entryNode(commit, path.replace(/^\/+|\/+$/g, "")),
    author: { __typename: "GitActor", name: commit.author, email: `${commit.author}@users.noreply.example`, date: commit.date, user: actorNode(ctx, commit.author) },
    committer: { __typename: "GitActor", name: commit.author, email: `${commit.author}@users.noreply.example`, date: commit.date, user: actorNode(ctx, commit.author) },
  };
}

/** The app's check runs on a commit, as one check suite of the app (GitHub groups runs by app). */
function checkSuitesOf(ctx: GqlContext, repo: Repo, sha: string) {
  const runs = repo.checkRuns.filter((r) => r.head_sha === sha);
  if (runs.length === 0) return [];
  const app = ctx.state.app;
  return [{
    __typename: "CheckSuite",
    id: id("CheckSuite", sha),
    app: { __typename: "App", databaseId: app.id, slug: app.slug, name: app.name },
    checkRuns: (args: PageArgs & { filterBy?: { checkName?: string; checkType?: string; appId?: number } }) => {
      const f = args.filterBy ?? {};
      const named = runs.filter((r) => (!f.checkName || r.name === f.checkName) && (f.appId == null || f.appId === app.id));
      // LATEST: the newest run of each name only.
      const listed = f.checkType === "LATEST" ? named.filter((r) => !named.some((o) => o.name === r.name && o.id > r.id)) : named;
      return connection(listed.map(checkRunNode), args);
    },
  }];
}

export function checkRunNode(r: CheckRun) {
  return {
    __typename: "CheckRun", id: id("CheckRun", r.id), databaseId: r.id, name: r.name, status: r.status.toUpperCase(), conclusion: r.conclusion?.toUpperCase() ?? null,
    title: r.output.title, summary: r.output.summary, text: r.output.text, externalId: r.external_id || null, startedAt: r.started_at, completedAt: r.completed_at,
  };
}

const oidOf = (text: string) => Buffer.from(text).toString("hex").slice(0, 40).padEnd(40, "0");

function blobNode(path: string, text: string) {
  return { __typename: "Blob", id: id("Blob", path), oid: oidOf(path + text.length), text, byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, abbreviatedOid: "" };
}

function treeNode(commit: Commit, path: string): Record<string, unknown> | null {
  const prefix = path ? `${path}/` : "";
  const names = new Map<string, "blob" | "tree">();
  for (const p of commit.files.keys()) {
    if (!p.startsWith(prefix)) continue;
    const [head, ...rest] = p.slice(prefix.length).split("/");
    if (!names.has(head!) || rest.length) names.set(head!, rest.length ? "tree" : "blob");
  }
  if (path && names.size === 0) return null;
  const entries = [...names.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, type]) => {
      const full = prefix + name;
      return {
        __typename: "TreeEntry",
        name,
        path: full,
        type,
        mode: type === "tree" ? 16384 : 33188,
        extension: type === "blob" && name.includes(".") ? `.${name.split(".").pop()}` : "",
        isGenerated: false,
        oid: oidOf(full),
        object: () => (type === "tree" ? treeNode(commit, full) : blobNode(full, commit.files.get(full)!)),
      };
    });
  return { __typename: "Tree", id: id("Tree", `${commit.sha}:${path}`), oid: oidOf(`${commit.sha}:${path}`), entries };
}

function entryNode(commit: Commit, path: string) {
  const text = commit.files.get(path);
  const object = text !== undefined ? blobNode(path, text) : treeNode(commit, path);
  if (!object) return null;
  const name = path.split("/").pop()!;
  return { __typename: "TreeEntry", name, path, type: text !== undefined ? "blob" : "tree", mode: 33188, oid: object.oid, object };
}

/** `HEAD:path`, `<branch>:path`, `<oid>:path`, or a bare rev for the commit itself. */
export function gitObject(ctx: GqlContext, repo: Repo, expression: string) {
  const colon = expression.indexOf(":");
  const rev = colon < 0 ? expression : expression.slice(0, colon);
  const commit = ctx.state.headCommit(repo, rev === "HEAD" || rev === "" ? repo.defaultBranch : rev);
  if (!commit) return null;
  if (colon < 0) return commitNode(ctx, repo, commit);
  const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, "");
  const text = commit.files.get(path);
  return text !== undefined ? blobNode(path, text) : treeNode(commit, path);
}

export function repositoryNode(ctx: GqlContext, repo: Repo): Record<string, unknown> {
  const list = (pulls: boolean) => (args: PageArgs & { labels?: string[]; states?: string[]; orderBy?: { field: string; direction: string } }) => {
    const field = args.orderBy?.field ?? "CREATED_AT";
    const key = (i: Issue) => (field === "UPDATED_AT" ? i.updated_at : field === "COMMENTS" ? String(i.comments.length).padStart(9, "0") : i.created_at);
    const sign = args.orderBy?.direction === "DESC" ? -1 : 1;
    const items = [...repo.issues.values()]
      .filter((i) => Boolean(i.pull) === pulls)
      .filter((i) => !args.labels?.length || args.labels.some((l) => i.labels.some((x) => x.toLowerCase() === l.toLowerCase())))
      .filter((i) => !args.states?.length || args.states.includes(pulls && i.pull!.merged ? "MERGED" : i.state.toUpperCase()))
      .sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number));
    return connection(items.map((i) => issueNode(ctx, repo, i)), args);
  };
  const byNumber = (kind: "Issue" | "PullRequest" | "any") => ({ number }: { number: number }) => {
    const issue = repo.issues.get(number);
    const fits = issue && (kind === "any" || (kind === "PullRequest") === Boolean(issue.pull));
    if (!fits) {
      const what = kind === "any" ? "issue or pull request" : kind === "Issue" ? "Issue" : "PullRequest";
      throw new TypedError("NOT_FOUND", `Could not resolve to an ${what} with the number of ${number}.`);
    }
    return issueNode(ctx, repo, issue);
  };
  const head = ctx.state.headCommit(repo);
  return {
    __typename: "Repository",
    id: id("Repository", repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    url: `${ctx.webUrl}/${repo.owner}/${repo.name}`,
    owner: actorNode(ctx, repo.owner),
    isPrivate: false,
    isArchived: false,
    createdAt: repo.created_at,
    issue: byNumber("Issue"),
    pullRequest: byNumber("PullRequest"),
    issueOrPullRequest: byNumber("any"),
    issues: list(false),
    pullRequests: list(true),
    object: ({ expression, oid }: { expression?: string; oid?: string }) => gitObject(ctx, repo, expression ?? oid ?? ""),
    defaultBranchRef: { __typename: "Ref", name: repo.defaultBranch, prefix: "refs/heads/", target: commitNode(ctx, repo, head) },
    ref: ({ qualifiedName }: { qualifiedName: string }) => {
      const name = qualifiedName.replace(/^refs\/heads\//, "");
      const sha = repo.branches.get(name);
      return sha ? { __typename: "Ref", name, prefix: "refs/heads/", target: commitNode(ctx, repo, repo.commits.get(sha)) } : null;
    },
    labels: (args: PageArgs) => connection([...repo.labels.values()].map((l) => labelNode(ctx, repo, l.name)), args),
    label: ({ name }: { name: string }) => (repo.labels.has(name.toLowerCase()) ? labelNode(ctx, repo, name) : null),
    hasDiscussionsEnabled: true,
    ...discussionFields(ctx, repo),
  };
}
