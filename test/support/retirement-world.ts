import { schema as octokitSchema } from "@octokit/graphql-schema";
import { buildClientSchema, GraphQLError, graphql, type GraphQLSchema } from "graphql";

/**
 * A small GitHub stand-in for the retirement sweep: one repository's issues, pull requests,
 * timelines and charter files, answered over GitHub's REAL GraphQL schema (graphql-js executing the
 * app's query against `buildClientSchema(@octokit/graphql-schema)`, so aliases, fragments, unions and
 * variables behave as on GitHub and an invalid query fails), plus the few REST writes the sweep makes.
 * Used by the nock integration tests (the benchmark runs against the shared stand-in, src/sandbox).
 */
export interface Actor {
  login: string;
  type: "User" | "Bot";
}

export type EventType =
  | "IssueComment"
  | "LabeledEvent"
  | "UnlabeledEvent"
  | "ClosedEvent"
  | "ReopenedEvent"
  | "MergedEvent"
  | "PullRequestReview"
  | "PullRequestCommit";

export interface WorldEvent {
  type: EventType;
  at: string;
  actor: Actor;
  /** Comments only. */
  id?: number;
  body?: string;
  viaApp?: boolean;
}

export interface WorldIssue {
  number: number;
  title: string;
  body: string;
  isPull: boolean;
  state: "open" | "closed" | "merged";
  stateReason?: string | null;
  author: Actor;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  labels: string[];
  events: WorldEvent[];
}

let schema: GraphQLSchema | undefined;
function githubSchema(): GraphQLSchema {
  schema ??= buildClientSchema(octokitSchema.json as never);
  return schema;
}

export class RetirementWorld {
  readonly issues = new Map<number, WorldIssue>();
  readonly charters = new Map<string, string>();
  /** Branches the app created (name → files changed on it) and the pull requests it opened. */
  readonly branches = new Map<string, Map<string, string>>();
  readonly pulls: { number: number; title: string; body: string; head: string; base: string }[] = [];
  readonly app: Actor;
  headOid = "a".repeat(40);
  private nextNumber = 1;
  private nextId = 10_000;
  /** Requests answered, by kind: what the benchmark reports. */
  readonly counts = { graphql: 0, rest: 0, writes: 0 };

  constructor(
    readonly owner: string,
    readonly repo: string,
    public now: () => Date,
    appLogin = "convener[bot]",
  ) {
    this.app = { login: appLogin, type: "Bot" };
  }

  addIssue(fields: Partial<WorldIssue> & { title: string }): WorldIssue {
    const number = fields.number ?? this.nextNumber;
    this.nextNumber = Math.max(this.nextNumber, number + 1);
    const at = fields.createdAt ?? this.now().toISOString();
    const issue: WorldIssue = {
      number, body: "", isPull: false, state: "open", author: { login: "someone", type: "User" }, viaApp: false,
      createdAt: at, updatedAt: at, closedAt: null, labels: [], events: [], ...fields,
    };
    this.issues.set(number, issue);
    return issue;
  }

  addEvent(number: number, event: Omit<WorldEvent, "at"> & { at?: string }): void {
    const issue = this.issues.get(number)!;
    const at = event.at ?? this.now().toISOString();
    issue.events.push({ ...event, at, ...(event.type === "IssueComment" ? { id: event.id ?? this.nextId++ } : {}) });
    if (at > issue.updatedAt) issue.updatedAt = at;
  }

  comments(number: number): WorldEvent[] {
    return (this.issues.get(number)?.events ?? []).filter((e) => e.type === "IssueComment");
  }

  // ---- GraphQL ----

  async graphql(query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown[] }> {
    this.counts.graphql++;
    const result = await graphql({ schema: githubSchema(), source: query, variableValues: variables, rootValue: this.root() });
    const errors = result.errors?.map((e: GraphQLError) => ({
      message: e.message,
      path: e.path,
      ...(/^Could not resolve/.test(e.message) ? { type: "NOT_FOUND" } : {}),
    }));
    return { ...(result.data ? { data: result.data } : {}), ...(errors?.length ? { errors } : {}) };
  }

  private root() {
    return {
      search: (args: { query: string; first: number }) => {
        const found = this.search(args.query);
        return { issueCount: found.length, nodes: found.slice(0, args.first).map((i) => this.node(i)) };
      },
      repository: (args: { owner: string; name: string }) => {
        if (args.owner.toLowerCase() !== this.owner.toLowerCase() || args.name.toLowerCase() !== this.repo.toLowerCase()) return null;
        return this.repositoryNode();
      },
    };
  }

  private repositoryNode() {
    return {
      id: "R_1",
      defaultBranchRef: { name: "main", target: { __typename: "Commit", oid: this.headOid } },
      object: ({ expression }: { expression: string }) => this.tree(expression),
      issueOrPullRequest: ({ number }: { number: number }) => {
        const issue = this.issues.get(number);
        if (!issue) throw new Error(`Could not resolve to an issue or pull request with the number of ${number}.`);
        return this.node(issue);
      },
      issue: ({ number }: { number: number }) => {
        const issue = this.issues.get(number);
        if (!issue || issue.isPull) throw new Error(`Could not resolve to an Issue with the number of ${number}.`);
        return this.node(issue);
      },
      issues: (args: { first: number; states?: string[]; labels?: string[]; orderBy?: { field: string; direction: string } }) => {
        const states = (args.states ?? ["OPEN", "CLOSED"]).map((s) => s.toLowerCase());
        const labels = (args.labels ?? []).map((l) => l.toLowerCase());
        const list = [...this.issues.values()]
          .filter((i) => !i.isPull && states.includes(i.state) && labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
          .sort((a, b) => (args.orderBy?.field === "UPDATED_AT" ? b.updatedAt.localeCompare(a.updatedAt) : a.number - b.number));
        return { nodes: list.slice(0, args.first).map((i) => this.node(i)) };
      },
    };
  }

  private tree(expression: string) {
    const folder = expression.replace(/^HEAD:/, "").replace(/\/+$/, "");
    const file = this.charters.get(folder);
    if (file !== undefined) return { __typename: "Blob", text: file, isTruncated: false };
    const entries = [...this.charters.entries()]
      .filter(([path]) => path.startsWith(folder + "/") && !path.slice(folder.length + 1).includes("/"))
      .map(([path, text]) => ({ name: path.slice(folder.length + 1), type: "blob", object: { __typename: "Blob", text, isTruncated: false } }));
    return entries.length > 0 ? { __typename: "Tree", entries } : null;
  }

  /** The qualifiers the sweep uses: repo:, label:"x", -label:"x", is:open|closed, closed:>=date, sort:updated-desc. */
  search(query: string): WorldIssue[] {
    const tokens = query.match(/-?[a-z]+:(?:"[^"]*"|\S+)/g) ?? [];
    let list = [...this.issues.values()];
    for (const token of tokens) {
      const negative = token.startsWith("-");
      const [key, ...rest] = token.replace(/^-/, "").split(":");
      const value = rest.join(":").replace(/^"|"$/g, "").toLowerCase();
      if (key === "repo" && value !== `${this.owner}/${this.repo}`.toLowerCase()) return [];
      if (key === "label") list = list.filter((i) => i.labels.some((l) => l.toLowerCase() === value) !== negative);
      if (key === "is" && value === "open") list = list.filter((i) => i.state === "open");
      if (key === "is" && value === "closed") list = list.filter((i) => i.state !== "open");
      if (key === "closed" && value.startsWith(">=")) list = list.filter((i) => i.closedAt !== null && i.closedAt.slice(0, 10) >= value.slice(2));
    }
    return list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.number - a.number);
  }

  private actor(a: Actor) {
    // GraphQL names a GitHub App's bot without the `[bot]` suffix.
    return { __typename: a.type, login: a.type === "Bot" ? a.login.replace(/\[bot\]$/, "") : a.login };
  }

  private node(issue: WorldIssue) {
    const state = issue.state === "open" ? "OPEN" : issue.state === "merged" && issue.isPull ? "MERGED" : "CLOSED";
    const isApp = (a: Actor) => a.login.toLowerCase() === this.app.login.toLowerCase();
    return {
      __typename: issue.isPull ? "PullRequest" : "Issue",
      number: issue.number,
      title: issue.title,
      body: issue.body,
      url: `https://github.com/${this.owner}/${this.repo}/${issue.isPull ? "pull" : "issues"}/${issue.number}`,
      state,
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      closedAt: issue.closedAt,
      author: this.actor(issue.author),
      viewerDidAuthor: isApp(issue.author),
      labels: ({ first }: { first: number }) => ({ nodes: issue.labels.slice(0, first).map((name) => ({ name })) }),
      comments: ({ last }: { last: number }) => ({
        nodes: this.comments(issue.number).slice(-last).map((c) => ({
          databaseId: c.id, body: c.body ?? "", createdAt: c.at, viewerDidAuthor: isApp(c.actor), author: this.actor(c.actor),
        })),
      }),
      timelineItems: ({ last, itemTypes }: { last: number; itemTypes?: string[] }) => {
        const wanted = itemTypes?.map((t) => t.toLowerCase().replace(/_/g, ""));
        const events = issue.events.filter((e) => !wanted || wanted.includes(e.type.toLowerCase()));
        return { nodes: events.slice(-last).map((e) => this.event(e)) };
      },
    };
  }

  private event(e: WorldEvent) {
    if (e.type === "PullRequestCommit") {
      return {
        __typename: e.type,
        commit: { committedDate: e.at, author: { name: e.actor.login, user: e.actor.type === "User" ? { login: e.actor.login } : null } },
      };
    }
    const who = this.actor(e.actor);
    return { __typename: e.type, createdAt: e.at, author: who, actor: who };
  }

  // ---- REST (the writes of the sweep and of applyPlan's dedupe re-check) ----

  rest(method: string, path: string, body: any, query: URLSearchParams): { status: number; data: unknown } {
    this.counts.rest++;
    if (method !== "GET") this.counts.writes++;
    const base = `/repos/${this.owner}/${this.repo}`.toLowerCase();
    const p = decodeURIComponent(path.replace(/^\/api\/v3/, ""));
    if (!p.toLowerCase().startsWith(base)) return { status: 404, data: { message: "Not Found" } };
    const rest = p.slice(base.length);
    let m: RegExpMatchArray | null;
    const pulls = this.pullRoutes(method, rest, body, query);
    if (pulls) return pulls;
    if (method === "GET" && rest === "/issues") {
      const creator = query.get("creator")?.toLowerCase();
      const list = [...this.issues.values()].filter((i) => !creator || i.author.login.toLowerCase() === creator);
      return { status: 200, data: list.map((i) => this.restIssue(i)) };
    }
    if (method === "POST" && rest === "/issues") {
      const issue = this.addIssue({ title: body.title, body: body.body, labels: body.labels ?? [], author: this.app, viaApp: true });
      return { status: 201, data: this.restIssue(issue) };
    }
    if ((m = rest.match(/^\/issues\/(\d+)(.*)$/))) {
      const issue = this.issues.get(Number(m[1]));
      if (!issue) return { status: 404, data: { message: "Not Found" } };
      const sub = m[2]!;
      if (method === "GET" && sub === "/comments") return { status: 200, data: this.comments(issue.number).map((c) => this.restComment(c)) };
      if (method === "POST" && sub === "/comments") {
        this.addEvent(issue.number, { type: "IssueComment", actor: this.app, body: body.body, viaApp: true });
        return { status: 201, data: this.restComment(this.comments(issue.number).at(-1)!) };
      }
      if (method === "POST" && sub === "/labels") {
        for (const l of body.labels as string[]) if (!issue.labels.includes(l)) issue.labels.push(l), this.addEvent(issue.number, { type: "LabeledEvent", actor: this.app });
        return { status: 200, data: issue.labels.map((name) => ({ name })) };
      }
      if (method === "DELETE" && sub.startsWith("/labels/")) {
        const name = sub.slice("/labels/".length);
        if (!issue.labels.includes(name)) return { status: 404, data: { message: "Label does not exist" } };
        issue.labels = issue.labels.filter((l) => l !== name);
        this.addEvent(issue.number, { type: "UnlabeledEvent", actor: this.app });
        return { status: 200, data: issue.labels.map((n) => ({ name: n })) };
      }
      if (method === "PATCH" && sub === "") {
        if (body.state === "closed" && issue.state === "open") {
          issue.state = "closed";
          issue.closedAt = this.now().toISOString();
          issue.stateReason = body.state_reason ?? null;
          this.addEvent(issue.number, { type: "ClosedEvent", actor: this.app });
        }
        return { status: 200, data: this.restIssue(issue) };
      }
    }
    return { status: 404, data: { message: `stand-in has no route ${method} ${path}` } };
  }

  /** What a `pull.create` needs: branch from main, read and write one file on it, list and open pull requests. */
  private pullRoutes(method: string, rest: string, body: any, query: URLSearchParams): { status: number; data: unknown } | null {
    if (method === "GET" && rest === "/pulls") {
      const head = query.get("head")?.split(":").pop();
      return { status: 200, data: this.pulls.filter((p) => !head || p.head === head) };
    }
    if (method === "POST" && rest === "/pulls") {
      const pull = { number: this.nextNumber++, title: body.title, body: body.body, head: body.head, base: body.base };
      this.pulls.push(pull);
      return { status: 201, data: pull };
    }
    if (method === "GET" && rest === "/git/ref/heads/main") return { status: 200, data: { ref: "refs/heads/main", object: { sha: this.headOid } } };
    if (method === "POST" && rest === "/git/refs") {
      const name = String(body.ref).replace(/^refs\/heads\//, "");
      if (this.branches.has(name)) return { status: 422, data: { message: "Reference already exists" } };
      this.branches.set(name, new Map());
      return { status: 201, data: { ref: body.ref } };
    }
    const file = rest.match(/^\/contents\/(.+)$/)?.[1];
    if (file && method === "GET") {
      const text = this.branches.get(query.get("ref") ?? "")?.get(file) ?? this.charters.get(file);
      return text === undefined ? { status: 404, data: { message: "Not Found" } } : { status: 200, data: { path: file, sha: `sha-${text.length}` } };
    }
    if (file && method === "PUT") {
      this.branches.get(body.branch)?.set(file, Buffer.from(body.content, "base64").toString("utf8"));
      return { status: 200, data: { content: { path: file } } };
    }
    return null;
  }

  private restUser(a: Actor) {
    return { login: a.login, type: a.type };
  }

  private restIssue(i: WorldIssue) {
    return {
      number: i.number, title: i.title, body: i.body, state: i.state === "open" ? "open" : "closed", user: this.restUser(i.author),
      labels: i.labels.map((name) => ({ name })), ...(i.viaApp ? { performed_via_github_app: { id: 1, slug: "convener" } } : {}),
    };
  }

  private restComment(c: WorldEvent) {
    return { id: c.id, body: c.body, user: this.restUser(c.actor), created_at: c.at, ...(c.viaApp ? { performed_via_github_app: { id: 1 } } : {}) };
  }
}
