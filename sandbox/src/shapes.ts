import type { Account, Comment, Issue, Label, Reaction, Repo, State } from "./state.js";

/**
 * GitHub's JSON shapes for REST answers and webhook payloads, built from the state. Field sets follow
 * `@octokit/webhooks-schemas` (a test validates the payloads), so an app sees what GitHub sends.
 */
export interface Urls {
  /** e.g. `http://127.0.0.1:4000/api/v3` */
  api: string;
  /** e.g. `http://127.0.0.1:4000` */
  web: string;
}

const nodeId = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString("base64").replace(/=+$/, "");

export function toUser(account: Account | undefined, login: string, urls: Urls) {
  const id = account?.id ?? 0;
  const u = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(account?.type ?? "User", id),
    avatar_url: `${urls.web}/avatars/${login}`,
    gravatar_id: "",
    url: u,
    html_url: `${urls.web}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: account?.type ?? "User",
    site_admin: false,
  };
}

export function userOf(state: State, login: string, urls: Urls) {
  return toUser(state.account(login), login, urls);
}

export function toRepo(state: State, repo: Repo, urls: Urls) {
  const full = `${repo.owner}/${repo.name}`;
  const u = `${urls.api}/repos/${full}`;
  const open = [...repo.issues.values()].filter((i) => i.state === "open").length;
  const links = Object.fromEntries(
    [
      ["forks_url", "/forks"], ["keys_url", "/keys{/key_id}"], ["collaborators_url", "/collaborators{/collaborator}"],
      ["teams_url", "/teams"], ["hooks_url", "/hooks"], ["issue_events_url", "/issues/events{/number}"], ["events_url", "/events"],
      ["assignees_url", "/assignees{/user}"], ["branches_url", "/branches{/branch}"], ["tags_url", "/tags"], ["blobs_url", "/git/blobs{/sha}"],
      ["git_tags_url", "/git/tags{/sha}"], ["git_refs_url", "/git/refs{/sha}"], ["trees_url", "/git/trees{/sha}"], ["statuses_url", "/statuses/{sha}"],
      ["languages_url", "/languages"], ["stargazers_url", "/stargazers"], ["contributors_url", "/contributors"], ["subscribers_url", "/subscribers"],
      ["subscription_url", "/subscription"], ["commits_url", "/commits{/sha}"], ["git_commits_url", "/git/commits{/sha}"], ["comments_url", "/comments{/number}"],
      ["issue_comment_url", "/issues/comments{/number}"], ["contents_url", "/contents/{+path}"], ["compare_url", "/compare/{base}...{head}"],
      ["merges_url", "/merges"], ["archive_url", "/{archive_format}{/ref}"], ["downloads_url", "/downloads"], ["issues_url", "/issues{/number}"],
      ["pulls_url", "/pulls{/number}"], ["milestones_url", "/milestones{/number}"], ["notifications_url", "/notifications{?since,all,participating}"],
      ["labels_url", "/labels{/name}"], ["releases_url", "/releases{/id}"], ["deployments_url", "/deployments"],
    ].map(([k, v]) => [k!, `${u}${v}`]),
  );
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: full,
    private: repo.private ?? false,
    owner: userOf(state, repo.owner, urls),
    html_url: `${urls.web}/${full}`,
    description: null,
    fork: false,
    url: u,
    ...links,
    created_at: repo.created_at,
    updated_at: repo.created_at,
    pushed_at: repo.created_at,
    git_url: `git://127.0.0.1/${full}.git`,
    ssh_url: `git@127.0.0.1:${full}.git`,
    clone_url: `${urls.web}/${full}.git`,
    svn_url: `${urls.web}/${full}`,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: repo.defaultBranch,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    custom_properties: {},
  };
}

export function toLabel(repo: Repo, label: Label, urls: Urls) {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

export function toReactions(reactions: Reaction[], url: string) {
  const count = (c: string) => reactions.filter((r) => r.content === c).length;
  return {
    url: `${url}/reactions`,
    total_count: reactions.length,
    "+1": count("+1"),
    "-1": count("-1"),
    laugh: count("laugh"),
    confused: count("confused"),
    heart: count("heart"),
    hooray: count("hooray"),
    eyes: count("eyes"),
    rocket: count("rocket"),
  };
}

function association(repo: Repo, login: string): string {
  return login.toLowerCase() === repo.owner.toLowerCase() ? "OWNER" : "NONE";
}

export function toIssue(state: State, repo: Repo, issue: Issue, urls: Urls) {
  const u = `${urls.api}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  return {
    url: u,
    repository_url: `${urls.api}/repos/${repo.owner}/${repo.name}`,
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequest" : "Issue", issue.id),
    number: issue.number,
    title: issue.title,
    user: userOf(state, issue.user, urls),
    labels: issue.labels.map((name) => toLabel(repo, state.ensureLabel(repo, name), urls)),
    state: issue.state,
    locked: false,
    assignee: issue.assignees[0] ? userOf(state, issue.assignees[0], urls) : null,
    assignees: issue.assignees.map((a) => userOf(state, a, urls)),
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: association(repo, issue.user),
    active_lock_reason: null,
    ...(issue.pull ? { pull_request: { url: `${urls.api}/repos/${repo.owner}/${repo.name}/pulls/${issue.number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null } } : {}),
    body: issue.body,
    reactions: toReactions(issue.reactions, u),
    timeline_url: `${u}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state_reason,
  };
}

export function toComment(state: State, repo: Repo, issue: Issue, comment: Comment, urls: Urls) {
  const u = `${urls.api}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`;
  return {
    url: u,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    user: userOf(state, comment.user, urls),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: comment.viaApp ? "NONE" : association(repo, comment.user),
    performed_via_github_app: comment.viaApp ? appOfBot(state, comment.user, urls) : null,
    body: comment.body,
    reactions: toReactions(comment.reactions, u),
  };
}

/** GitHub Actions' own app, whose installation token is a workflow's `GITHUB_TOKEN` (its bot: `github-actions[bot]`). */
export const ACTIONS_APP = { id: 15368, slug: "github-actions", name: "GitHub Actions", botLogin: "github-actions[bot]" };

/** The app a bot account writes for: Convener's own, or GitHub Actions' for the workflow token's bot. */
export function appOfBot(state: State, login: string, urls: Urls) {
  if (login.toLowerCase() !== ACTIONS_APP.botLogin) return toApp(state, urls);
  return {
    ...toApp(state, urls),
    id: ACTIONS_APP.id, slug: ACTIONS_APP.slug, node_id: nodeId("Integration", ACTIONS_APP.id), owner: toUser(undefined, "github", urls),
    name: ACTIONS_APP.name, description: "Automate your workflow from idea to production", external_url: "https://help.github.com/en/actions",
    html_url: `${urls.web}/apps/${ACTIONS_APP.slug}`, created_at: "2018-07-30T09:30:17Z", updated_at: "2019-12-10T19:04:12Z",
  };
}

export function toApp(state: State, urls: Urls) {
  const { app } = state;
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("Integration", app.id),
    owner: toUser(undefined, "convener-org", urls),
    name: app.name,
    description: "Convener (stand-in)",
    external_url: urls.web,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    permissions: { issues: "write", pull_requests: "write", checks: "write", contents: "read", members: "read", metadata: "read" },
    events: ["issues", "issue_comment", "pull_request", "push", "check_run"],
  };
}

export function toPull(state: State, repo: Repo, issue: Issue, urls: Urls) {
  const p = issue.pull!;
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const u = `${base}/pulls/${issue.number}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}/pull/${issue.number}`;
  const repoShape = toRepo(state, repo, urls);
  const ref = (name: string, sha: string) => ({ label: `${repo.owner}:${name}`, ref: name, sha, user: userOf(state, repo.owner, urls), repo: repoShape });
  const baseSha = repo.branches.get(p.baseRef) ?? "";
  const link = (href: string) => ({ href });
  return {
    url: u,
    id: issue.id,
    node_id: nodeId("PullRequest", issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${base}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userOf(state, issue.user, urls),
    body: issue.body,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: p.merged ? issue.closed_at : null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: issue.labels.map((name) => toLabel(repo, state.ensureLabel(repo, name), urls)),
    milestone: null,
    commits_url: `${u}/commits`,
    review_comments_url: `${u}/comments`,
    review_comment_url: `${base}/pulls/comments{/number}`,
    comments_url: `${base}/issues/${issue.number}/comments`,
    statuses_url: `${base}/statuses/${p.headSha}`,
    head: ref(p.headRef, p.headSha),
    base: ref(p.baseRef, baseSha),
    _links: {
      self: link(u), html: link(html), issue: link(`${base}/issues/${issue.number}`), comments: link(`${base}/issues/${issue.number}/comments`),
      review_comments: link(`${u}/comments`), review_comment: link(`${base}/pulls/comments{/number}`), commits: link(`${u}/commits`), statuses: link(`${base}/statuses/${p.headSha}`),
    },
    author_association: association(repo, issue.user),
    auto_merge: null,
    active_lock_reason: null,
    draft: p.draft,
    merged: p.merged,
    mergeable: null,
    rebaseable: null,
    mergeable_state: "unknown",
    merged_by: null,
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: p.files.reduce((n, f) => n + f.additions, 0),
    deletions: p.files.reduce((n, f) => n + f.deletions, 0),
    changed_files: p.files.length,
  };
}
