import nock from "nock";
import { API } from "./github-nock.js";

/**
 * A stateful GitHub stand-in for the decisions tests, behind nock: the DecisionState and
 * DecisionSweep GraphQL queries are answered from the state, and the app's REST writes (comments,
 * labels, issue state) change it, so later events and sweeps see the earlier effects, as on GitHub.
 * Label changes by the app are recorded in the timeline as a Bot's, like GitHub does.
 */
export interface FakeComment {
  id: number;
  body: string;
  author: string;
  byApp: boolean;
  createdAt: string;
  lastEditedAt: string | null;
  reactions: { content: string; user: string; createdAt: string }[];
}

export interface FakeIssue {
  number: number;
  state: "OPEN" | "CLOSED";
  stateReason: string | null;
  labels: string[];
  comments: FakeComment[];
  events: { type: "LabeledEvent" | "UnlabeledEvent"; actor: string; bot: boolean; label: string; createdAt: string }[];
}

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const BASE = `/repos/${OWNER}/${REPO}`;

export const CONFIG_YAML = `roles:
  moderators: [mod1, mod2, mod3]
  coreMaintainers: [core1, core2]
  leadMaintainers: [lead1]
# The retirement sweep reads charters this stand-in does not serve; it has its own tests.
retirement:
  enabled: false
`;

export class FakeDecisionsGitHub {
  issues = new Map<number, FakeIssue>();
  writes: string[] = [];
  private nextId = 5000;

  addIssue(number: number, labels: string[]): FakeIssue {
    const issue: FakeIssue = { number, state: "OPEN", stateReason: null, labels: [...labels], comments: [], events: [] };
    this.issues.set(number, issue);
    return issue;
  }

  addComment(number: number, author: string, body: string, createdAt: Date): FakeComment {
    const c: FakeComment = { id: this.nextId++, body, author, byApp: false, createdAt: createdAt.toISOString(), lastEditedAt: null, reactions: [] };
    this.issues.get(number)!.comments.push(c);
    return c;
  }

  humanLabel(number: number, actor: string, label: string, action: "labeled" | "unlabeled", at: Date): void {
    const issue = this.issues.get(number)!;
    if (action === "labeled" && !issue.labels.includes(label)) issue.labels.push(label);
    if (action === "unlabeled") issue.labels = issue.labels.filter((l) => l !== label);
    issue.events.push({ type: action === "labeled" ? "LabeledEvent" : "UnlabeledEvent", actor, bot: false, label, createdAt: at.toISOString() });
  }

  appComments(number: number, marker = ""): FakeComment[] {
    return this.issues.get(number)!.comments.filter((c) => c.byApp && c.body.includes(marker));
  }

  /** Installs every interceptor; all persist until nock.cleanAll(). */
  nock(options: { config?: string } = {}): void {
    const yaml = options.config ?? CONFIG_YAML;
    nock(API).persist().get(`${BASE}/contents/${encodeURIComponent(".github/convener.yml")}`).reply(200, yaml);
    nock(API).persist().get("/app/installations").query(true).reply(200, [{ id: 1, account: { login: OWNER } }]);
    nock(API).persist().get("/installation/repositories").query(true).reply(200, { total_count: 1, repositories: [{ name: REPO, owner: { login: OWNER } }] });
    nock(API).persist().post("/graphql").reply((_uri, body) => this.graphql(body as { query: string; variables: Record<string, any> }));
    nock(API)
      .persist()
      .post(new RegExp(`^${BASE}/issues/\\d+/comments$`))
      .reply((uri, body: any) => {
        const n = issueNumber(uri);
        const c: FakeComment = { id: this.nextId++, body: body.body, author: "convener[bot]", byApp: true, createdAt: new Date().toISOString(), lastEditedAt: null, reactions: [] };
        this.issues.get(n)!.comments.push(c);
        this.writes.push(`comment #${n}`);
        return [201, this.rest(c)];
      })
      .get(new RegExp(`^${BASE}/issues/\\d+/comments(\\?.*)?$`))
      .reply((uri) => [200, this.issues.get(issueNumber(uri))!.comments.map((c) => this.rest(c))])
      .patch(new RegExp(`^${BASE}/issues/comments/\\d+$`))
      .reply((uri, body: any) => {
        const c = this.findComment(Number(/comments\/(\d+)/.exec(uri)![1]));
        c.body = body.body;
        this.writes.push(`edit ${c.id}`);
        return [200, this.rest(c)];
      })
      .delete(new RegExp(`^${BASE}/issues/comments/\\d+$`))
      .reply((uri) => {
        const id = Number(/comments\/(\d+)/.exec(uri)![1]);
        for (const issue of this.issues.values()) issue.comments = issue.comments.filter((c) => c.id !== id);
        this.writes.push(`delete ${id}`);
        return [204];
      })
      .post(new RegExp(`^${BASE}/issues/\\d+/labels$`))
      .reply((uri, body: any) => {
        const issue = this.issues.get(issueNumber(uri))!;
        for (const l of body.labels as string[]) {
          if (issue.labels.includes(l)) continue;
          issue.labels.push(l);
          issue.events.push({ type: "LabeledEvent", actor: "convener", bot: true, label: l, createdAt: new Date().toISOString() });
        }
        this.writes.push(`labels+ ${body.labels.join(",")}`);
        return [200, issue.labels.map((name) => ({ name }))];
      })
      .delete(new RegExp(`^${BASE}/issues/\\d+/labels/.+$`))
      .reply((uri) => {
        const m = /issues\/(\d+)\/labels\/(.+)$/.exec(uri)!;
        const issue = this.issues.get(Number(m[1]))!;
        const name = decodeURIComponent(m[2]!);
        this.writes.push(`label- ${name}`);
        if (!issue.labels.includes(name)) return [404, { message: "Label does not exist" }];
        issue.labels = issue.labels.filter((l) => l !== name);
        issue.events.push({ type: "UnlabeledEvent", actor: "convener", bot: true, label: name, createdAt: new Date().toISOString() });
        return [200, issue.labels.map((n) => ({ name: n }))];
      })
      .patch(new RegExp(`^${BASE}/issues/\\d+$`))
      .reply((uri, body: any) => {
        const issue = this.issues.get(issueNumber(uri))!;
        if (body.state) issue.state = body.state === "open" ? "OPEN" : "CLOSED";
        issue.stateReason = body.state_reason ?? null;
        this.writes.push(`issue ${body.state}${body.state_reason ? ` ${body.state_reason}` : ""}`);
        return [200, { number: issue.number, state: body.state }];
      });
  }

  private findComment(id: number): FakeComment {
    for (const issue of this.issues.values()) for (const c of issue.comments) if (c.id === id) return c;
    throw new Error(`no comment ${id}`);
  }

  private rest(c: FakeComment) {
    return {
      id: c.id,
      body: c.body,
      created_at: c.createdAt,
      user: c.byApp ? { login: "convener[bot]", type: "Bot" } : { login: c.author, type: "User" },
      performed_via_github_app: c.byApp ? { id: 1 } : null,
    };
  }

  private graphql({ query, variables: v }: { query: string; variables: Record<string, any> }): [number, unknown] {
    if (query.includes("query DecisionSweep")) {
      const nodes = [...this.issues.values()].filter((i) => i.state === "OPEN" && i.labels.some((l) => v.labels.includes(l))).map((i) => ({ number: i.number }));
      return [200, { data: { repository: { issues: { nodes } } } }];
    }
    // The other sweep jobs: no request here has drifted, and the repository holds no meetings.
    if (query.includes("query IntakeSweep")) return [200, { data: { repository: { issues: { nodes: [] } } } }];
    if (query.includes("query CalendarMeetings")) return [200, { data: { repository: { defaultBranchRef: null, folder: null, notes: { nodes: [] } } } }];
    // The SEP check's repair sweep asks for open pull requests: this repository has none.
    if (query.includes("query SepOpenPulls")) return [200, { data: { repository: { pullRequests: { nodes: [] } } } }];
    if (!query.includes("query DecisionState")) return [500, { message: `no responder for ${query.slice(0, 60)}` }];
    const issue = this.issues.get(v.number);
    const actor = (login: string, bot: boolean) => ({ login, __typename: bot ? "Bot" : "User" });
    return [200, {
      data: {
        repository: {
          issue: issue && {
            number: issue.number,
            state: issue.state,
            stateReason: issue.stateReason,
            author: { login: "octocat" },
            labels: { nodes: issue.labels.map((name) => ({ name })) },
            comments: {
              pageInfo: page(issue.comments, v.before),
              nodes: window(issue.comments, v.before).map((c) => ({
                databaseId: c.id,
                body: c.body,
                createdAt: c.createdAt,
                lastEditedAt: c.lastEditedAt,
                viewerDidAuthor: c.byApp,
                author: c.byApp ? actor("convener", true) : actor(c.author, false),
                reactions: { nodes: c.reactions.map((r) => ({ content: r.content, createdAt: r.createdAt, user: actor(r.user, false) })) },
              })),
            },
            timelineItems: { nodes: issue.events.map((e) => ({ __typename: e.type, createdAt: e.createdAt, actor: actor(e.actor, e.bot), label: { name: e.label } })) },
          },
        },
      },
    }];
  }
}

function issueNumber(uri: string): number {
  return Number(/issues\/(\d+)/.exec(uri)![1]);
}

/** GitHub's `comments(last: 100, before: $before)`: cursors here are the comment's index. */
function window<T>(all: T[], before: string | null | undefined): T[] {
  const end = before ? Number(before) : all.length;
  return all.slice(Math.max(0, end - 100), end);
}

function page<T>(all: T[], before: string | null | undefined) {
  const end = before ? Number(before) : all.length;
  const start = Math.max(0, end - 100);
  return { hasPreviousPage: start > 0, startCursor: String(start) };
}
