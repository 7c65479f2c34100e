import nock from "nock";
import { readdirSync, readFileSync } from "node:fs";
import { API, nockGraphql } from "./github-nock.js";
import { createTestProbot, type TestProbot } from "./probot.js";
import { CHARTERS_DIR } from "./shared-fixtures.js";

const CHARTERS = CHARTERS_DIR;

export interface SepFileState {
  head: string | null;
  base: string | null;
}

export interface CheckRunWrite {
  method: "POST" | "PATCH";
  id: number;
  body: any;
}

/**
 * A SEP pull request behind nock: the GraphQL reads the SEP check makes are answered from this
 * state, the registry from the real charter fixtures, team memberships from `teams`, and every
 * check-run write is recorded. `served` counts the requests this scenario answered.
 */
export class SepPullScenario {
  owner = "Codertocat";
  repo = "Hello-World";
  number = 2;
  headSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  baseSha = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  defaultBranchSha = "1111111111111111111111111111111111111111";
  files = new Map<string, SepFileState>();
  otherFiles: string[] = [];
  labels: string[] = ["SEP", "draft"];
  /** The app's latest run of the check on the head, as GraphQL reports it. */
  existingRun: { databaseId: number; status: string; conclusion: string | null; title: string | null; summary: string | null; externalId: string | null } | undefined;
  teams: Record<string, string[]> = { "modelcontextprotocol/maintainers": ["mia"] };
  checkRuns: CheckRunWrite[] = [];
  served: string[] = [];
  private nextRunId = 555;

  constructor(readonly app: TestProbot) {}

  private pullRequestData() {
    const suites = this.existingRun === undefined ? [] : [
      { app: { databaseId: 1 }, checkRuns: { nodes: [{ name: "SEP metadata", ...this.existingRun }] } },
    ];
    const paths = [...this.files.keys(), ...this.otherFiles];
    return {
      number: this.number,
      state: "OPEN",
      headRefOid: this.headSha,
      baseRefOid: this.baseSha,
      labels: { nodes: this.labels.map((name) => ({ name })) },
      changedFiles: paths.length,
      files: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: paths.map((path) => ({ path, changeType: this.files.get(path)?.base ? "MODIFIED" : "ADDED" })) },
      commits: { nodes: [{ commit: { oid: this.headSha, checkSuites: { nodes: [{ app: { databaseId: 99 }, checkRuns: { nodes: [] } }, ...suites] } } }] },
    };
  }

  private blob(expression: string) {
    const [sha, path] = [expression.slice(0, expression.indexOf(":")), expression.slice(expression.indexOf(":") + 1)];
    const state = this.files.get(path);
    const text = state ? (sha === this.headSha ? state.head : state.base) : null;
    return text === null ? null : { text, isBinary: false, isTruncated: false };
  }

  private charterEntries(folder: string) {
    return readdirSync(`${CHARTERS}/${folder}`).map((name) => ({
      name, type: "blob", object: { text: readFileSync(`${CHARTERS}/${folder}/${name}`, "utf8"), isTruncated: false },
    }));
  }

  start(): void {
    const record = (what: string) => this.served.push(what);
    nock(API).persist().get(`/repos/${this.owner}/${this.repo}/contents/${encodeURIComponent(".github/convener.yml")}`)
      .reply(() => (record("config"), [200, "sepLink:\n  enabled: false\nmeetings:\n  checkPullRequests: false\n"]));
    nockGraphql([
      (query, v) => {
        if (query.includes("query SepPullRequest")) {
          record("graphql SepPullRequest");
          return { data: { repository: { pullRequest: v.number === this.number ? this.pullRequestData() : null } } };
        }
        if (query.includes("query SepFileTexts")) {
          record("graphql SepFileTexts");
          const repository: Record<string, unknown> = {};
          for (const [key, expression] of Object.entries(v)) if (/^[hb]\d+$/.test(key)) repository[key] = this.blob(String(expression));
          return { data: { repository } };
        }
        if (query.includes("query SepCommitPulls")) {
          record("graphql SepCommitPulls");
          const hit = v.sha === this.headSha ? [{ number: this.number, state: "OPEN" }] : [];
          return { data: { repository: { object: { associatedPullRequests: { nodes: hit } } } } };
        }
        if (query.includes("query RegistryCharters")) {
          record("graphql RegistryCharters");
          return { data: { repository: {
            defaultBranchRef: { target: { oid: this.defaultBranchSha } },
            wg: { entries: this.charterEntries("working-groups") },
            ig: { entries: this.charterEntries("interest-groups") },
          } } };
        }
        if (query.includes("query RegistryHead")) {
          record("graphql RegistryHead");
          return { data: { repository: { defaultBranchRef: { target: { oid: this.defaultBranchSha } } } } };
        }
        return undefined;
      },
    ]);
    nock(API).persist().get(/^\/orgs\/[^/]+\/teams\/[^/]+\/memberships\/[^/]+$/).reply((uri) => {
      record("team membership");
      const [, , org, , team, , user] = uri.split("/");
      const members = this.teams[`${org}/${team}`] ?? [];
      return members.includes(user!) ? [200, { state: "active" }] : [404, { message: "Not Found" }];
    });
    nock(API).persist().post(`/repos/${this.owner}/${this.repo}/check-runs`).reply((_uri, body) => {
      record("POST check-runs");
      const id = this.nextRunId++;
      this.checkRuns.push({ method: "POST", id, body });
      return [201, { id }];
    });
    nock(API).persist().patch(new RegExp(`^/repos/${this.owner}/${this.repo}/check-runs/\\d+$`)).reply((uri, body) => {
      record("PATCH check-runs");
      const id = Number(uri.split("/").pop());
      this.checkRuns.push({ method: "PATCH", id, body });
      return [200, { id }];
    });
  }

  /** All annotations sent for one run, across its batches. */
  annotations(): any[] {
    return this.checkRuns.flatMap((w) => w.body.output?.annotations ?? []);
  }
}

/** The scenario's clock: SEP dates (`Created`) are checked against it, never against today. */
export const SEP_NOW = new Date("2026-12-01T12:00:00Z");

export async function startSepScenario(): Promise<SepPullScenario> {
  nock.disableNetConnect();
  const scenario = new SepPullScenario(await createTestProbot({ clock: () => SEP_NOW }));
  scenario.start();
  return scenario;
}

export function stopSepScenario(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}
