import nock from "nock";
import { API, nockConfig, nockGraphql, type GraphqlResponder } from "../support/github-nock.js";
import { createTestProbot } from "../support/probot.js";

/**
 * A small stateful repository behind nock for intake tests: the GraphQL `IntakeState` answer is
 * computed from the state, and the app's REST writes (comments, labels) change it, so a sequence of
 * events sees the effects of the earlier ones, as on GitHub.
 */
export interface FakeIssue {
  number: number;
  body: string;
  state: "OPEN" | "CLOSED";
  labels: string[];
  comments: { id: number; body: string; byApp: boolean; author: string }[];
}

export class FakeRepo {
  issues = new Map<number, FakeIssue>();
  users = new Set<string>();
  items = new Set<number>();
  private nextId = 1000;

  constructor(readonly owner: string, readonly repo: string) {}

  addIssue(issue: Partial<FakeIssue> & { number: number; body: string; labels: string[] }): FakeIssue {
    const full: FakeIssue = { state: "OPEN", comments: [], ...issue };
    this.issues.set(full.number, full);
    return full;
  }

  addComment(number: number, body: string, byApp: boolean, author = byApp ? "convener" : "mallory"): void {
    this.issues.get(number)!.comments.push({ id: this.nextId++, body, byApp, author });
  }

  appComments(number: number) {
    return this.issues.get(number)!.comments.filter((c) => c.byApp);
  }

  /** Answers the intake query from the state, with GitHub's NOT_FOUND errors for missing users and items. */
  intakeResponder: GraphqlResponder = (query, v) => {
    if (!query.includes("query IntakeState")) return undefined;
    const issue = this.issues.get(v.number);
    const errors: unknown[] = [];
    const data: Record<string, unknown> = {
      repository: {
        issue: issue && {
          state: issue.state,
          body: issue.body,
          labels: { nodes: issue.labels.map((name) => ({ name })) },
          comments: {
            pageInfo: { hasNextPage: false },
            nodes: issue.comments.map((c) => ({ databaseId: c.id, body: c.body, viewerDidAuthor: c.byApp, author: { login: c.author } })),
          },
        },
        requests: {
          nodes: [...this.issues.values()]
            .filter((i) => i.labels.includes(v.requestLabel))
            .map((i) => ({ number: i.number, state: i.state, body: i.body, labels: { nodes: i.labels.map((name) => ({ name })) } })),
        },
        ...(v.withItem ? { item: this.items.has(v.item) || this.issues.has(v.item) ? { __typename: "Issue" } : null } : {}),
      },
    };
    if (v.withItem && !(data.repository as any).item) errors.push({ type: "NOT_FOUND", path: ["repository", "item"], message: "Could not resolve" });
    for (const [key, login] of Object.entries(v)) {
      if (!/^u\d+$/.test(key)) continue;
      const exists = this.users.has(String(login).toLowerCase());
      data[key] = exists ? { login } : null;
      if (!exists) errors.push({ type: "NOT_FOUND", path: [key], message: `Could not resolve to a User with the login of '${login}'.` });
    }
    return errors.length ? { data, errors } : { data };
  };

  /** Persisting REST interceptors for the app's writes; returns the scope so tests can clean up. */
  nockWrites(): nock.Scope {
    const base = `/repos/${this.owner}/${this.repo}`;
    return nock(API)
      .persist()
      .post(new RegExp(`^${base}/issues/\\d+/comments$`))
      .reply((uri, body: any) => {
        const number = Number(/issues\/(\d+)\/comments/.exec(uri)![1]);
        this.addComment(number, body.body, true);
        const c = this.issues.get(number)!.comments.at(-1)!;
        return [201, { id: c.id, body: c.body, user: { login: "convener[bot]", type: "Bot" }, performed_via_github_app: { id: 1 } }];
      })
      .get(new RegExp(`^${base}/issues/\\d+/comments(\\?.*)?$`))
      .reply((uri) => {
        const number = Number(/issues\/(\d+)\/comments/.exec(uri)![1]);
        return [200, this.issues.get(number)!.comments.map((c) => ({
          id: c.id, body: c.body,
          user: c.byApp ? { login: "convener[bot]", type: "Bot" } : { login: c.author, type: "User" },
          performed_via_github_app: c.byApp ? { id: 1 } : null,
        }))];
      })
      .patch(new RegExp(`^${base}/issues/comments/\\d+$`))
      .reply((uri, body: any) => {
        const id = Number(/comments\/(\d+)/.exec(uri)![1]);
        for (const issue of this.issues.values()) for (const c of issue.comments) if (c.id === id) c.body = body.body;
        return [200, { id, body: body.body }];
      })
      .post(new RegExp(`^${base}/issues/\\d+/labels$`))
      .reply((uri, body: any) => {
        const issue = this.issues.get(Number(/issues\/(\d+)\/labels/.exec(uri)![1]))!;
        for (const l of body.labels as string[]) if (!issue.labels.includes(l)) issue.labels.push(l);
        return [200, issue.labels.map((name) => ({ name }))];
      })
      .delete(new RegExp(`^${base}/issues/\\d+/labels/.+$`))
      .reply((uri) => {
        const m = /issues\/(\d+)\/labels\/(.+)$/.exec(uri)!;
        const issue = this.issues.get(Number(m[1]))!;
        const name = decodeURIComponent(m[2]!);
        if (!issue.labels.includes(name)) return [404, { message: "Label does not exist" }];
        issue.labels = issue.labels.filter((l) => l !== name);
        return [200, issue.labels.map((n) => ({ name: n }))];
      });
  }
}

/** An issue-form body as GitHub renders it: `### Question` then the answer (`_No response_` when empty). */
export function formBody(answers: Record<string, string | undefined>): string {
  return Object.entries(answers)
    .map(([question, answer]) => `### ${question}\n\n${answer === undefined || answer === "" ? "_No response_" : answer}`)
    .join("\n\n");
}

export const IG_QUESTIONS = {
  name: "Group name",
  tag: "Channel tag",
  facilitators: "Facilitator(s)",
  maintainers: "Maintainer(s)",
  similar: "IGs with potentially similar goals or discussions",
  differs: "How this IG differentiates itself from the related IGs",
  topic: "First topic to discuss within the IG",
} as const;

export const WG_QUESTIONS = {
  name: "Group name",
  tag: "Channel tag",
  facilitators: "Facilitator(s)",
  maintainers: "Maintainer(s)",
  useCases: "Explanation of interest and use cases",
  firstItem: "First Issue, PR or SEP the WG will work on",
} as const;

export function validIgBody(overrides: Partial<Record<keyof typeof IG_QUESTIONS, string>> = {}): string {
  const a = { name: "Tool Annotations", tag: "tool-annotations-ig", facilitators: "@alice\n@bob", maintainers: "", similar: "None", differs: "Focuses on annotations only.", topic: "Annotation vocabulary.", ...overrides };
  return formBody(Object.fromEntries(Object.entries(IG_QUESTIONS).map(([k, q]) => [q, a[k as keyof typeof a]])));
}

export function validWgBody(overrides: Partial<Record<keyof typeof WG_QUESTIONS, string>> = {}): string {
  const a = { name: "Agents", tag: "agents-wg", facilitators: "@alice", maintainers: "@bob", useCases: "Durable agent execution.", firstItem: "SEP-2663", ...overrides };
  return formBody(Object.fromEntries(Object.entries(WG_QUESTIONS).map(([k, q]) => [q, a[k as keyof typeof a]])));
}

/** The usual intake scenario: a fake `Codertocat/Hello-World` with users alice, bob, carol and item #2663, behind nock. */
export async function startIntakeScenario(options: { config?: string; secret?: string; load?: boolean } = {}) {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const app = await createTestProbot({ ...(options.secret ? { secret: options.secret } : {}), ...(options.load === false ? { load: false } : {}) });
  const repo = new FakeRepo("Codertocat", "Hello-World");
  ["alice", "bob", "carol"].forEach((u) => repo.users.add(u));
  repo.items.add(2663);
  nockConfig(repo.owner, repo.repo, options.config ?? "{}\n", 1000);
  nockGraphql([repo.intakeResponder]);
  repo.nockWrites();
  return { app, repo };
}

export function stopScenario(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}
