import { beforeEach, describe, expect, test } from "@jest/globals";
import { createGitHubReader, type OctokitLike } from "../../src/core/github.js";
import { forgetPullPathHints, notePullPaths, notePushedPaths } from "../../src/core/pull-path-hints.js";
import { defaultConfig } from "../../src/features/config-schema.js";
import { readPullRequest, readPullRequestTexts } from "../../src/features/pull-request-read.js";

const REPO = { owner: "acme", repo: "spec" };
const HEAD = "h".repeat(40);
const BASE = "b".repeat(40);
const blob = (text: string) => ({ text, byteSize: text.length, isBinary: false, isTruncated: false });

/** A PR event's payload: its head (a branch of this repository, or of a fork) and base. */
const payloadOf = (head = HEAD, headRepo = "acme/spec") => ({
  pull_request: { number: 3, head: { sha: head, ref: "sep", repo: { full_name: headRepo } }, base: { sha: BASE } },
});

/**
 * An Octokit answering the PR read with `files` changed and every blob asked for (guessed `g…` or
 * read `h…`/`b…`) as the file's text at that commit; records each query's name and blob paths.
 */
function github(files: string[], head = HEAD) {
  const sent: { name: string; paths: string[] }[] = [];
  const client: OctokitLike = {
    request: (async () => { throw new Error("REST not expected"); }) as OctokitLike["request"],
    paginate: async () => { throw new Error("REST not expected"); },
    graphql: async (query, variables = {}) => {
      const name = /query (\w+)/.exec(query)?.[1] ?? "?";
      const blobs: Record<string, unknown> = {};
      const paths: string[] = [];
      for (const [key, value] of Object.entries(variables)) {
        if (!/^g?[hb]\d+$/.test(key)) continue;
        const [sha, path] = String(value).split(/:(.*)/s) as [string, string];
        paths.push(`${key.replace(/\d+$/, "")}:${path}`);
        blobs[key] = sha === BASE ? null : blob(`${path} at ${sha.slice(0, 1)}`);
      }
      sent.push({ name, paths });
      if (name === "PullFileTexts") return { repository: blobs };
      return {
        repository: {
          id: "R_1", defaultBranchRef: { target: { oid: "d".repeat(40) } }, ...blobs,
          pullRequest: {
            id: "PR_3", number: 3, state: "OPEN", headRefOid: head, baseRefOid: BASE, labels: { nodes: [] },
            changedFiles: files.length, files: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: files.map((path) => ({ path, changeType: "ADDED" })) },
            comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
          },
        },
      };
    },
  };
  return { reader: createGitHubReader(client), sent };
}

describe("the PR read asks for the texts of the files the PR probably changes", () => {
  beforeEach(() => forgetPullPathHints());

  test("files its branch's push touched: their texts come with the PR, and no text query follows", async () => {
    notePushedPaths({ ref: "refs/heads/sep", repository: { full_name: "acme/spec" }, commits: [{ added: ["seps/0003-x.md", "README.md"] }] });
    const { reader, sent } = github(["seps/0003-x.md", "README.md"]);
    const ctx = { github: reader, repo: REPO, config: defaultConfig, payload: payloadOf() };
    const { pull } = await readPullRequest(ctx, 3);
    const texts = await readPullRequestTexts(ctx, pull!);
    // Only the SEP file is asked for (README.md is neither a SEP nor an agenda), at the head and the base.
    expect(sent).toEqual([{ name: "PullFacts", paths: ["gh:seps/0003-x.md", "gb:seps/0003-x.md"] }]);
    expect(texts.head.get("seps/0003-x.md")?.text).toBe("seps/0003-x.md at h");
    expect(texts.base.get("seps/0003-x.md")).toBeNull();
  });

  test("a file the guess missed is read after the PR, alone; a guessed file the PR no longer changes is not used", async () => {
    notePullPaths(REPO, 3, ["seps/0001-gone.md"]);
    const { reader, sent } = github(["seps/0003-x.md"]);
    const ctx = { github: reader, repo: REPO, config: defaultConfig, payload: payloadOf() };
    const { pull } = await readPullRequest(ctx, 3);
    const texts = await readPullRequestTexts(ctx, pull!);
    expect(sent).toEqual([
      { name: "PullFacts", paths: ["gh:seps/0001-gone.md", "gb:seps/0001-gone.md"] },
      { name: "PullFileTexts", paths: ["h:seps/0003-x.md", "b:seps/0003-x.md"] },
    ]);
    expect([...texts.head.keys()]).toEqual(["seps/0003-x.md"]);
    // The next event on the PR guesses what this one looked at.
    const next = github(["seps/0003-x.md"]);
    await readPullRequest({ ...ctx, github: next.reader }, 3);
    expect(next.sent[0]!.paths).toEqual(["gh:seps/0003-x.md", "gb:seps/0003-x.md"]);
  });

  test("a PR whose head moved past the event's: the guessed texts (of the event's head) are not used", async () => {
    notePullPaths(REPO, 3, ["seps/0003-x.md"]);
    const newer = "n".repeat(40);
    const { reader, sent } = github(["seps/0003-x.md"], newer);
    const ctx = { github: reader, repo: REPO, config: defaultConfig, payload: payloadOf(HEAD) };
    const { pull } = await readPullRequest(ctx, 3);
    const texts = await readPullRequestTexts(ctx, pull!);
    expect(sent.map((s) => s.name)).toEqual(["PullFacts", "PullFileTexts"]);
    expect(texts.head.get("seps/0003-x.md")?.text).toBe("seps/0003-x.md at n");
  });

  test("a fork's PR (no push from its branch here) and the sweep (no payload) read the texts after the PR, as before", async () => {
    notePushedPaths({ ref: "refs/heads/sep", repository: { full_name: "acme/spec" }, commits: [{ added: ["seps/0003-x.md"] }] });
    const fork = github(["seps/0003-x.md"]);
    const forkCtx = { github: fork.reader, repo: REPO, config: defaultConfig, payload: payloadOf(HEAD, "someone/spec") };
    await readPullRequestTexts(forkCtx, (await readPullRequest(forkCtx, 3)).pull!);
    expect(fork.sent.map((s) => s.name)).toEqual(["PullFacts", "PullFileTexts"]);
    forgetPullPathHints();
    const sweep = github(["seps/0003-x.md"]);
    const sweepCtx = { github: sweep.reader, repo: REPO, config: defaultConfig };
    await readPullRequestTexts(sweepCtx, (await readPullRequest(sweepCtx, 3)).pull!);
    expect(sweep.sent).toEqual([{ name: "PullFacts", paths: [] }, { name: "PullFileTexts", paths: ["h:seps/0003-x.md", "b:seps/0003-x.md"] }]);
  });
});
