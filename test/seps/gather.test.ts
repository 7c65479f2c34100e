import { describe, expect, test } from "@jest/globals";
import { defaultConfig } from "../../src/features/config-schema.js";
import type { FeatureContext } from "../../src/core/feature.js";
import type { GitHubReader } from "../../src/core/github.js";
import { gatherSeps } from "../../src/features/seps/gather.js";
import { sepText } from "../support/seps-text.js";

/** A GitHub that answers GraphQL with canned, possibly partial data (as a stand-in or an outage might). */
function context(event: string, payload: any, answer: (query: string, v: any) => any): FeatureContext {
  const github: GitHubReader = {
    get: async () => { throw new Error("no REST in this test"); },
    paginate: async () => [],
    graphql: async (query, v) => answer(query, v),
  };
  const roles = { hasRole: async () => true, hasAnyRole: async () => true, listMembers: async () => [], describe: () => [] };
  const log = { info() {}, warn() {}, error() {}, debug() {}, child() { return log; } } as any;
  return { event, payload, deliveryId: "d", repo: { owner: "o", repo: "r" }, github, config: defaultConfig, roles, identity: { appId: 1 }, log, now: new Date("2026-12-01T12:00:00Z") };
}

describe("gatherSeps on partial or odd answers", () => {
  test("a PR the query cannot find (deleted, no access) is not a crash", async () => {
    const ctx = context("pull_request.opened", { pull_request: { number: 5 } }, () => ({ repository: { pullRequest: null } }));
    await expect(gatherSeps(ctx)).resolves.toBeNull();
  });

  test("null connections (labels, commits, suites) are read as empty", async () => {
    const ctx = context("pull_request.synchronize", { pull_request: { number: 5 } }, (query) => {
      if (query.includes("PullFacts")) {
        return { repository: { pullRequest: {
          id: "PR_5", number: 5, state: "OPEN", headRefOid: "h", baseRefOid: "b", labels: null, commits: { nodes: [{ commit: { oid: "h", checkSuites: null } }] },
          changedFiles: 1, files: { nodes: [{ path: "seps/5-x.md", changeType: "ADDED" }] },
        } } };
      }
      return { repository: { h0: { text: sepText({ number: 5 }), byteSize: 100, isBinary: false, isTruncated: false }, b0: null } };
    });
    const input = await gatherSeps(ctx);
    expect(input?.pulls).toEqual([{ number: 5, nodeId: "PR_5", headSha: "h", latestRun: null, labels: [], skippedFiles: [], unlistedFiles: 0, files: [{ path: "seps/5-x.md", text: expect.stringContaining("# SEP-5"), baseText: null }] }]);
  });

  test("a closed PR and unrelated actions are not checked", async () => {
    const closed = context("pull_request.edited", { pull_request: { number: 5 } }, () => ({ repository: { pullRequest: { state: "CLOSED" } } }));
    await expect(gatherSeps(closed)).resolves.toBeNull();
    const assigned = context("pull_request.assigned", { pull_request: { number: 5 } }, () => { throw new Error("must not query"); });
    await expect(gatherSeps(assigned)).resolves.toBeNull();
  });

  test("deleted SEP files and sub-folders are not SEPs", async () => {
    const ctx = context("pull_request.opened", { pull_request: { number: 5 } }, () => ({ repository: { pullRequest: {
      number: 5, state: "OPEN", headRefOid: "h", baseRefOid: "b", labels: { nodes: [] }, commits: { nodes: [] },
      files: { totalCount: 3, nodes: [{ path: "seps/4-old.md", changeType: "DELETED" }, { path: "seps/img/a.md", changeType: "ADDED" }, { path: "seps/TEMPLATE.md", changeType: "MODIFIED" }] },
    } } }));
    await expect(gatherSeps(ctx)).resolves.toBeNull();
  });
});
