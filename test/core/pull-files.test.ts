import { describe, expect, test } from "@jest/globals";
import type { GitHubReader } from "../../src/core/github.js";
import { PULL_FILES_PAGE_QUERY, readPullFiles, type PullFilesPage } from "../../src/core/pull-files.js";

/** A PR of `total` files behind GraphQL pages of 100, listing at most `listed` of them (GitHub: 3,000). */
function pages(total: number, listed = Math.min(total, 3000)) {
  const paths = Array.from({ length: listed }, (_, i) => ({ path: `f${i}.md`, changeType: "ADDED" }));
  const page = (start: number): PullFilesPage => ({
    nodes: paths.slice(start, start + 100),
    pageInfo: { hasNextPage: start + 100 < listed, endCursor: String(start + 99) },
  });
  const asked: string[] = [];
  const github: GitHubReader = {
    get: async () => { throw new Error("REST not expected"); },
    paginate: async () => { throw new Error("REST not expected"); },
    graphql: async <T,>(query: string, v?: Record<string, unknown>): Promise<T> => {
      expect(query).toBe(PULL_FILES_PAGE_QUERY);
      asked.push(String(v?.after));
      return { repository: { pullRequest: { files: page(Number(v?.after) + 1) } } } as T;
    },
  };
  return { github, first: page(0), asked };
}

describe("readPullFiles: every file GitHub lists", () => {
  test("100 files or fewer: no request beyond the feature's own query", async () => {
    const p = pages(80);
    expect(await readPullFiles(p.github, { owner: "o", repo: "r" }, 1, p.first, 80)).toMatchObject({ unlisted: 0, files: { length: 80 } });
    expect(p.asked).toEqual([]);
  });

  test("250 files: two more pages", async () => {
    const p = pages(250);
    const read = await readPullFiles(p.github, { owner: "o", repo: "r" }, 1, p.first, 250);
    expect(read.files.map((f) => f.path).at(-1)).toBe("f249.md");
    expect(read.files).toHaveLength(250);
    expect(p.asked).toEqual(["99", "199"]);
  });

  test("past GitHub's 3,000-file listing the rest is counted as unlisted, and reading stops at 3,000", async () => {
    const p = pages(3400, 3400); // even if a server listed more, the reader stops where GitHub does
    const read = await readPullFiles(p.github, { owner: "o", repo: "r" }, 1, p.first, 3400);
    expect(read.files).toHaveLength(3000);
    expect(read.unlisted).toBe(400);
    expect(p.asked).toHaveLength(29);
  });
});
