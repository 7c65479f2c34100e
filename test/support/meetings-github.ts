import nock from "nock";
import { API, nockConfig, nockGraphql } from "./github-nock.js";
import { fakeDefaultBranch, registryResponder } from "./registry-fixtures.js";
import { examplePayload } from "./webhooks.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";

interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  author: { login: string; type: "Bot" | "User" };
  comments: string[];
}

/**
 * A small in-memory GitHub for the meetings integration tests: files per commit, issues and
 * comments, answered over nock for the REST routes and the GraphQL queries the app sends.
 */
export class MeetingsGitHub {
  files = new Map<string, string>();
  issues: StoredIssue[] = [];
  commitComments: { sha: string; body: string }[] = [];
  branch = fakeDefaultBranch();
  registry = registryResponder(this.branch);
  private commits = new Map<string, Map<string, string>>();
  private pushes = 0;

  constructor(configYaml: string | null = "meetings:\n  noticeDays: 7\n") {
    nockConfig(OWNER, REPO, configYaml, 100);
    nockGraphql([
      (q) => void this.queries.push(/query (\w+)/.exec(q)?.[1] ?? "?"),
      this.registry,
      (q, v) => (q.includes("query MeetingFiles") ? this.answerFiles(v) : undefined),
      (q, v) => (q.includes("query CalendarMeetings") ? (this.calendarDown ? { errors: [{ message: "Something went wrong" }] } : this.answerCalendar(v)) : undefined),
      (q) => (q.includes("query MeetingPullRequest") ? this.answerPull() : undefined),
      // The SEP features also look at every pull request: here it is none of theirs.
      (q) => (/query (SepPullRequest|SepLinkPullRequest)\b/.test(q) ? { data: { repository: { pullRequest: null } } } : undefined),
    ]);
    nock(API).persist().post(`/repos/${OWNER}/${REPO}/check-runs`).reply((_u, body: any) => {
      this.checkRuns.push(body);
      return [201, { id: this.checkRuns.length }];
    });
    nock(API).persist().get("/app/installations").query(true).reply(200, [{ id: 1, account: { login: OWNER } }]);
    nock(API).persist().get(`/repos/${OWNER}/${REPO}/issues`).query(true).reply(() => [200, this.issues.map((i) => this.rest(i))]);
    nock(API).persist().post(`/repos/${OWNER}/${REPO}/issues`).reply((_u, body: any) => {
      const issue: StoredIssue = { number: this.issues.length + 1, title: body.title, body: body.body, state: "open", state_reason: null, labels: body.labels, author: { login: "convener[bot]", type: "Bot" }, comments: [] };
      this.issues.push(issue);
      return [201, this.rest(issue)];
    });
    nock(API).persist().patch(new RegExp(`/repos/${OWNER}/${REPO}/issues/\\d+$`)).reply((uri, body: any) => {
      const issue = this.issue(Number(uri.split("/").pop()));
      Object.assign(issue, body.title ? { title: body.title } : {}, body.body ? { body: body.body } : {}, body.state ? { state: body.state } : {}, body.state_reason ? { state_reason: body.state_reason } : {});
      return [200, this.rest(issue)];
    });
    nock(API).persist().post(new RegExp(`/repos/${OWNER}/${REPO}/issues/\\d+/comments$`)).reply((uri, body: any) => {
      this.issue(Number(uri.split("/").slice(-2)[0])).comments.push(body.body);
      return [201, { id: 1, body: body.body }];
    });
    nock(API).persist().post(new RegExp(`/repos/${OWNER}/${REPO}/issues/\\d+/labels$`)).reply((uri, body: any) => {
      const issue = this.issue(Number(uri.split("/").slice(-2)[0]));
      issue.labels.push(...body.labels);
      return [200, []];
    });
    nock(API).persist().get(new RegExp(`/repos/${OWNER}/${REPO}/commits/[0-9a-f]+/comments`)).reply((uri) => {
      const sha = uri.split("?")[0]!.split("/").slice(-2)[0];
      return [200, this.commitComments.filter((c) => c.sha === sha).map((c, i) => ({ id: i + 1, body: c.body, user: { login: "convener[bot]", type: "Bot" } }))];
    });
    nock(API).persist().post(new RegExp(`/repos/${OWNER}/${REPO}/commits/[0-9a-f]+/comments$`)).reply((uri, body: any) => {
      this.commitComments.push({ sha: uri.split("/").slice(-2)[0]!, body: body.body });
      return [201, { id: 1 }];
    });
  }

  issue(number: number): StoredIssue {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  /** Commits the given changes (null removes a file) and returns the `push` payload GitHub would send. */
  push(changes: Record<string, string | null>, ref = "refs/heads/master"): any {
    const before = [...this.files.keys()];
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) this.files.delete(path);
      else this.files.set(path, text);
    }
    const sha = (++this.pushes).toString(16).padStart(40, "a");
    this.commits.set(sha, new Map(this.files));
    const payload = examplePayload("push", undefined, 4);
    const paths = Object.keys(changes);
    payload.ref = ref;
    payload.after = sha;
    payload.head_commit = { ...payload.head_commit, id: sha };
    payload.commits = [{
      ...payload.commits[0], id: sha,
      added: paths.filter((p) => changes[p] !== null && !before.includes(p)),
      modified: paths.filter((p) => changes[p] !== null && before.includes(p)),
      removed: paths.filter((p) => changes[p] === null),
    }];
    if (ref === "refs/heads/master") this.branch.head = sha;
    return payload;
  }

  /** Someone (not the app) opens an issue by hand. */
  addHumanIssue(title: string, body: string, labels: string[]): void {
    this.issues.push({ number: this.issues.length + 1, title, body, state: "open", state_reason: null, labels, author: { login: "mallory", type: "User" }, comments: [] });
  }

  /** Someone edits the issue body by hand. */
  editBody(number: number, edit: (body: string) => string): void {
    const issue = this.issue(number);
    issue.body = edit(issue.body);
  }

  private rest(i: StoredIssue) {
    return { number: i.number, title: i.title, body: i.body, state: i.state, state_reason: i.state_reason, labels: i.labels.map((name) => ({ name })), user: i.author, performed_via_github_app: null };
  }

  calendarReads = 0;
  /** Notes issues per GraphQL page (GitHub's is 100; tests lower it to exercise paging). */
  pageSize = 100;
  /** GitHub fails the calendar's query while set. */
  calendarDown = false;
  /** Operation name of every GraphQL request received, in order. */
  queries: string[] = [];
  checkRuns: any[] = [];
  pull: { head: string; files: { path: string; changeType: string }[] } | null = null;

  /** Opens pull request #2 (the example payload's) with the given files at a new head commit. */
  openPull(changes: Record<string, string>): any {
    const head = "b".repeat(40);
    this.commits.set(head, new Map([...this.files, ...Object.entries(changes)]));
    this.pull = { head, files: Object.keys(changes).map((path) => ({ path, changeType: this.files.has(path) ? "MODIFIED" : "ADDED" })) };
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.head.sha = head;
    return payload;
  }

  private answerPull() {
    if (!this.pull) return { data: { repository: { pullRequest: null } } };
    return { data: { repository: { pullRequest: {
      state: "OPEN", headRefOid: this.pull.head, files: { nodes: this.pull.files },
      commits: { nodes: [{ commit: { checkSuites: { nodes: [] } } }] },
    } } } };
  }

  /** The meetings folder at the default branch's head, two levels deep, and the notes issues. */
  private answerCalendar(v: Record<string, any>) {
    this.calendarReads++;
    const folder = String(v.folder).replace(/^HEAD:/, "") + "/";
    const groups = new Map<string, { name: string; type: string; object: unknown }[]>();
    for (const [path, text] of this.files) {
      if (!path.startsWith(folder)) continue;
      const [tag, name] = path.slice(folder.length).split("/");
      if (!tag || !name) continue;
      groups.set(tag, [...(groups.get(tag) ?? []), { name, type: "blob", object: { byteSize: Buffer.byteLength(text), isBinary: false, text } }]);
    }
    const entries = [...groups.entries()].map(([name, files]) => ({ name, type: "tree", object: { entries: files } }));
    const notes = this.answerFiles({ withIssues: true, label: v.label }).data.repository.notes as { nodes: unknown[] };
    return { data: { repository: { defaultBranchRef: { target: { oid: this.branch.head } }, folder: entries.length ? { entries } : null, notes: { nodes: notes.nodes } } } };
  }

  private answerFiles(v: Record<string, any>): { data: { repository: Record<string, unknown> } } {
    const repository: Record<string, unknown> = {};
    for (const [key, expression] of Object.entries(v)) {
      if (!/^e\d+$/.test(key)) continue;
      const [rev, ...rest] = String(expression).split(":");
      // A push reads its files at the default branch's head (`master:path`), a pull request at its head commit.
      const sha = this.commits.has(rev!) ? rev! : rev === "master" ? this.branch.head : rev!;
      const text = this.commits.get(sha)?.get(rest.join(":"));
      repository[`f${key.slice(1)}`] = text === undefined ? null : { byteSize: Buffer.byteLength(text), isBinary: false, text };
    }
    repository.head = { target: { oid: this.branch.head } };
    if (v.withIssues) {
      const all = [...this.issues].reverse().filter((i) => i.labels.includes(v.label));
      const start = v.cursor ? Number(v.cursor) : 0;
      const page = all.slice(start, start + this.pageSize);
      const more = start + this.pageSize < all.length;
      repository.notes = {
        pageInfo: { hasNextPage: more, endCursor: more ? String(start + this.pageSize) : null },
        nodes: page.map((i) => ({
          number: i.number, title: i.title, body: i.body, state: i.state.toUpperCase(), stateReason: i.state_reason?.toUpperCase() ?? null,
          url: `https://github.com/${OWNER}/${REPO}/issues/${i.number}`, viewerDidAuthor: i.author.type === "Bot",
          author: { __typename: i.author.type, login: i.author.login.replace(/\[bot\]$/, "") }, labels: { nodes: i.labels.map((name) => ({ name })) },
        })),
      };
    }
    return { data: { repository } };
  }
}
