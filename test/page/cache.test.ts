import { describe, expect, test } from "@jest/globals";
import { silentLog } from "../../src/core/log.js";
import { PAGE_TTL_MS, PageCache } from "../../src/features/page/cache.js";
import type { GovernanceView } from "../../src/features/page/model.js";

function viewOf(repo: string, n: number): GovernanceView {
  return { repo, url: `https://github.com/${repo}`, groups: [], requests: [], votes: [], proposals: [], meetings: [], seps: [], reviews: [], problems: [`read ${n}`] };
}

function setup(fail: () => boolean = () => false) {
  let now = 0;
  const reads: string[] = [];
  const cache = new PageCache({
    log: silentLog,
    now: () => now,
    listRepos: async () => ["Org/Community"],
    read: async (repo) => {
      reads.push(repo);
      if (fail()) throw new Error("GitHub is down");
      return viewOf(repo, reads.length);
    },
  });
  return { cache, reads, advance: (ms: number) => (now += ms) };
}

describe("the governance page's cache", () => {
  test("read once; concurrent requests share the read; an event about the repository makes the next request read again", async () => {
    const { cache, reads } = setup();
    const [a, b] = await Promise.all([cache.view("org/community"), cache.view("ORG/COMMUNITY")]);
    expect(a).toBe(b);
    expect(reads).toEqual(["Org/Community"]);
    await cache.view("org/community");
    expect(reads).toHaveLength(1);
    cache.invalidate("org/community");
    expect((await cache.view("org/community"))?.problems).toEqual(["read 2"]);
    expect(await cache.view("other/repo")).toBeNull();
  });

  test("read again after the TTL; when GitHub fails, the last good data is served", async () => {
    let down = false;
    const { cache, reads, advance } = setup(() => down);
    await cache.view("org/community");
    advance(PAGE_TTL_MS + 1);
    down = true;
    expect((await cache.view("org/community"))?.problems).toEqual(["read 1"]);
    expect(reads).toHaveLength(2);
    await cache.view("org/community"); // the failure counts as a read: GitHub is not asked on every request
    expect(reads).toHaveLength(2);
  });

  test("a community never read successfully fails the request", async () => {
    const { cache } = setup(() => true);
    await expect(cache.view("org/community")).rejects.toThrow("GitHub is down");
    expect(await cache.views()).toEqual([]);
  });
});
