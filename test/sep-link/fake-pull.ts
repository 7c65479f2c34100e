import nock from "nock";
import { API, type GraphqlResponder } from "../support/github-nock.js";
import type { FakeDefaultBranch } from "../support/registry-fixtures.js";

/**
 * One pull request behind nock, as GitHub would answer the SEP link's reads and take its writes:
 * the GraphQL answers are computed from the state and the REST writes change it.
 */
export class FakePull {
  headSha = "1".repeat(40);
  files = new Map<string, string>();
  deleted = new Set<string>();
  labels: string[] = [];
  comments: { id: number; body: string; byApp: boolean }[] = [];
  /** GraphQL shows only the first this-many comments (GitHub: 100), with `hasNextPage`. */
  graphqlCommentLimit = 100;
  private nextId = 5000;

  constructor(readonly owner: string, readonly repo: string, readonly number: number, readonly branch: FakeDefaultBranch) {}

  /** A new commit on the PR with these file texts. */
  push(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
    this.headSha = (BigInt("0x" + this.headSha) + 1n).toString(16).padStart(40, "0");
  }

  appComments() {
    return this.comments.filter((c) => c.byApp);
  }

  responder: GraphqlResponder = (query, v) => {
    if (query.includes("query SepLinkPullRequest")) {
      if (v.number !== this.number) return { data: { repository: { defaultBranchRef: { target: { oid: this.branch.head } }, pullRequest: null } } };
      return {
        data: {
          repository: {
            defaultBranchRef: { target: { oid: this.branch.head } },
            pullRequest: {
              state: "OPEN",
              headRefOid: this.headSha,
              baseRefOid: "b".repeat(40),
              labels: { nodes: this.labels.map((name) => ({ name })) },
              files: { nodes: [...this.files.keys()].map((path) => ({ path, changeType: this.deleted.has(path) ? "DELETED" : "MODIFIED" })) },
              comments: {
                pageInfo: { hasNextPage: this.comments.length > this.graphqlCommentLimit },
                nodes: this.comments.slice(0, this.graphqlCommentLimit).map((c) => ({ databaseId: c.id, body: c.body, viewerDidAuthor: c.byApp })),
              },
            },
          },
        },
      };
    }
    if (query.includes("query SepFileTexts")) {
      const repository: Record<string, unknown> = {};
      for (const [key, expression] of Object.entries(v)) {
        if (!/^[hb]\d+$/.test(key)) continue;
        const [sha, path] = String(expression).split(/:(.*)/s);
        const text = sha === this.headSha ? this.files.get(path!) : undefined; // base: the SEP is new
        repository[key] = text === undefined ? null : { text, isBinary: false, isTruncated: false };
      }
      return { data: { repository } };
    }
    if (query.includes("query SepPullRequest")) {
      // The `SEP metadata` check's own read, for tests that run both features on one event.
      return {
        data: {
          repository: {
            pullRequest: v.number !== this.number ? null : {
              number: this.number, state: "OPEN", headRefOid: this.headSha, baseRefOid: "b".repeat(40),
              labels: { nodes: this.labels.map((name) => ({ name })) },
              files: { totalCount: this.files.size, nodes: [...this.files.keys()].map((path) => ({ path, changeType: "ADDED" })) },
              commits: { nodes: [{ commit: { oid: this.headSha, checkSuites: { nodes: [] } } }] },
            },
          },
        },
      };
    }
    return undefined;
  };

  /** The check-run writes of the `SEP metadata` check (counted, not inspected here). */
  nockCheckRuns(): nock.Scope {
    return nock(API).persist()
      .post(`/repos/${this.owner}/${this.repo}/check-runs`).reply(201, { id: 77 })
      .patch(`/repos/${this.owner}/${this.repo}/check-runs/77`).reply(200, { id: 77 });
  }

  nockWrites(): nock.Scope {
    const base = `/repos/${this.owner}/${this.repo}/issues`;
    return nock(API)
      .persist()
      .post(`${base}/${this.number}/labels`)
      .reply((_uri, body: any) => {
        for (const l of body.labels as string[]) if (!this.labels.includes(l)) this.labels.push(l);
        return [200, this.labels.map((name) => ({ name }))];
      })
      .delete(new RegExp(`^${base}/${this.number}/labels/.+$`))
      .reply((uri) => {
        const name = decodeURIComponent(uri.split("/labels/")[1]!);
        if (!this.labels.includes(name)) return [404, { message: "Label does not exist" }];
        this.labels = this.labels.filter((l) => l !== name);
        return [200, this.labels.map((n) => ({ name: n }))];
      })
      .post(`${base}/${this.number}/comments`)
      .reply((_uri, body: any) => {
        const comment = { id: this.nextId++, body: body.body as string, byApp: true };
        this.comments.push(comment);
        return [201, { ...comment, user: { login: "convener[bot]", type: "Bot" }, performed_via_github_app: { id: 1 } }];
      })
      .get(new RegExp(`^${base}/${this.number}/comments(\\?.*)?$`))
      .reply(() => [200, this.comments.map((c) => ({
        id: c.id, body: c.body,
        user: c.byApp ? { login: "convener[bot]", type: "Bot" } : { login: "mallory", type: "User" },
        performed_via_github_app: c.byApp ? { id: 1 } : null,
      }))])
      .patch(new RegExp(`^${base}/comments/\\d+$`))
      .reply((uri, body: any) => {
        const id = Number(uri.split("/").pop());
        const comment = this.comments.find((c) => c.id === id)!;
        comment.body = body.body;
        return [200, { id, body: body.body }];
      });
  }
}

/** A SEP file in the template's form, owned by `workingGroup` (or by nobody). */
export function sepText(number: number, options: { workingGroup?: string; authors?: string } = {}): string {
  return [
    `# SEP-${number}: Durable agent handoff`,
    "",
    "- **Status**: Draft",
    "- **Type**: Standards Track",
    "- **Created**: 2026-08-01",
    `- **Author(s)**: ${options.authors ?? "Jane Doe (@jane)"}`,
    "- **Sponsor**: @LucaButBoring",
    `- **PR**: https://github.com/Codertocat/Hello-World/pull/${number}`,
    ...(options.workingGroup ? [`- **Working Group**: ${options.workingGroup}`] : []),
    "",
    "## Abstract",
    "",
    "Handoff between agents.",
    "",
  ].join("\n");
}
