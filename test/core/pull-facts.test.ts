import { describe, expect, test } from "@jest/globals";
import { createGitHubReader, type OctokitLike } from "../../src/core/github.js";
import { forgetAllLabelIds, knownLabelId } from "../../src/core/label-ids.js";
import { findLatestAppRun } from "../../src/core/check-runs.js";
import { readPullFacts, readPullTexts, type PullFactsOptions } from "../../src/core/pull-facts.js";

const REPO = { owner: "o", repo: "r" };
const OPTIONS: PullFactsOptions = { checkNames: ["SEP metadata", "Meeting agenda"], labelNames: ["draft"], withComments: true };

/** An Octokit answering GraphQL from `answer`, counting the requests by operation name. */
function octokit(answer: (query: string, variables: Record<string, unknown>) => unknown) {
  const sent: string[] = [];
  const client: OctokitLike = {
    request: (async () => { throw new Error("REST not expected"); }) as OctokitLike["request"],
    paginate: async () => { throw new Error("REST not expected"); },
    graphql: async (query, variables) => {
      sent.push(/query (\w+)/.exec(query)?.[1] ?? "?");
      return answer(query, variables ?? {});
    },
  };
  return { client, sent };
}

const run = (id: number, name: string) => ({ nodes: [{ databaseId: id, name, status: "COMPLETED", conclusion: "SUCCESS", title: null, summary: null, externalId: null }] });

const PULL = {
  id: "PR_1", number: 1, state: "OPEN", headRefOid: "h".repeat(40), baseRefOid: "b".repeat(40),
  labels: { nodes: [{ id: "LA_sep", name: "SEP" }] },
  changedFiles: 1, files: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ path: "seps/1-x.md", changeType: "ADDED" }] },
  comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
  commits: { nodes: [{ commit: { checkSuites: { nodes: [{ app: { databaseId: 7 }, c0: run(11, "SEP metadata"), c1: run(12, "Meeting agenda") }] } } }] },
};

describe("readPullFacts: one read of a pull request for every feature of a delivery", () => {
  test("features asking with the same options share one request, even after a write made the delivery forget its reads", async () => {
    forgetAllLabelIds();
    const { client, sent } = octokit((query) => {
      expect(query).toContain("$check0: String!");
      expect(query).not.toContain("SEP metadata"); // check names are variables, never spliced
      return { repository: { id: "R_1", defaultBranchRef: { target: { oid: "d".repeat(40) } }, [`convenerLabel_${Buffer.from("draft").toString("hex")}`]: { id: "LA_draft", name: "draft" }, pullRequest: PULL } };
    });
    const github = createGitHubReader(client);
    const first = await readPullFacts(github, REPO, 1, OPTIONS);
    github.forget();
    const second = await readPullFacts(github, REPO, 1, OPTIONS);
    expect(sent).toEqual(["PullFacts"]);
    expect(second).toBe(first);
    expect(first.repository).toEqual({ id: "R_1", defaultHead: "d".repeat(40) });
    expect(first.pull).toMatchObject({ id: "PR_1", number: 1, labels: [{ id: "LA_sep", name: "SEP" }] });
    // Each check's latest run comes from its own alias.
    expect(findLatestAppRun(first.pull!.suites("SEP metadata"), 7, "SEP metadata")?.id).toBe(11);
    expect(findLatestAppRun(first.pull!.suites("Meeting agenda"), 7, "Meeting agenda")?.id).toBe(12);
    expect(first.pull!.suites("Other")).toBeUndefined();
    expect((await first.pull!.listFiles()).files).toEqual([{ path: "seps/1-x.md", changeType: "ADDED" }]);
    // Label ids read with the PR are remembered for the writes.
    expect([knownLabelId(REPO, "draft"), knownLabelId(REPO, "sep")]).toEqual(["LA_draft", "LA_sep"]);
    // Another delivery (another reader) reads again.
    await readPullFacts(createGitHubReader(client), REPO, 1, OPTIONS);
    expect(sent).toEqual(["PullFacts", "PullFacts"]);
  });

  test("a failed read is not kept: the next feature asks again", async () => {
    let calls = 0;
    const { client } = octokit(() => {
      calls++;
      if (calls === 1) throw Object.assign(new Error("Bad gateway"), { status: 502 });
      return { repository: { id: "R_1", defaultBranchRef: null, pullRequest: null } };
    });
    const github = createGitHubReader(client);
    await expect(readPullFacts(github, REPO, 1, OPTIONS)).rejects.toThrow("Bad gateway");
    await expect(readPullFacts(github, REPO, 1, OPTIONS)).resolves.toMatchObject({ pull: null });
  });
});

describe("readPullTexts: the files' texts at the head (and base) in one query per 50 files", () => {
  test("head and base blobs by path; a missing file is null; 120 files are 3 queries sent together", async () => {
    let inFlight = 0;
    let most = 0;
    const { client, sent } = octokit(async (_query, v) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      const repository: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(v)) {
        if (!/^[hb]\d+$/.test(key)) continue;
        const path = String(value).split(":")[1]!;
        repository[key] = path.includes("gone") ? null : { text: `${key[0]} ${path}`, byteSize: 5, isBinary: false, isTruncated: false };
      }
      return { repository };
    });
    const requests = Array.from({ length: 120 }, (_, i) => ({ path: i === 3 ? "seps/gone.md" : `seps/${i}.md`, withBase: i % 2 === 0 }));
    const texts = await readPullTexts(createGitHubReader(client), REPO, "h", "b", requests);
    expect(sent).toEqual(["PullFileTexts", "PullFileTexts", "PullFileTexts"]);
    expect(most).toBe(3);
    expect(texts.head.get("seps/0.md")?.text).toBe("h seps/0.md");
    expect(texts.base.get("seps/0.md")?.text).toBe("b seps/0.md");
    expect(texts.base.has("seps/1.md")).toBe(false);
    expect(texts.head.get("seps/gone.md")).toBeNull();
    expect(texts.head.get("seps/119.md")?.text).toBe("h seps/119.md");
  });
});
