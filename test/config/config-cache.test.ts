import { describe, expect, test } from "@jest/globals";
import { createMemoryConfigCache, type CachedConfig } from "../../src/config/config-cache.js";
import { configScopesChangedBy, PUSH_COMMITS_LISTED } from "../../src/config/config-changes.js";
import { createConfigLoader } from "../../src/config/config-loader.js";
import type { ReadConfig } from "../../src/config/load-config.js";

const PATH = ".github/convener.yml";
const MINUTE = 60_000;

/** An elapsed-time source the test moves by hand (no dependency on the date the suite runs). */
function fakeClock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const entry = (files: string[], config = { dryRun: false }): CachedConfig<{ dryRun: boolean }> => ({ result: { ok: true, config }, files });
const acme = { owner: "Acme", repo: "Site" };

describe("the in-process configuration cache", () => {
  test("an entry is kept until its time limit, then read again", async () => {
    const clock = fakeClock();
    const cache = createMemoryConfigCache<{ dryRun: boolean }>({ ttlMs: 10 * MINUTE, now: clock.now });
    await cache.set(acme, entry(["acme/site:.github/convener.yml"]));
    clock.advance(10 * MINUTE - 1);
    expect(await cache.get({ owner: "acme", repo: "SITE" })).toEqual(entry(["acme/site:.github/convener.yml"])); // GitHub's names ignore case
    clock.advance(1);
    expect(await cache.get(acme)).toBeUndefined();
  });

  test("a time limit of 0 keeps nothing", async () => {
    const cache = createMemoryConfigCache({ ttlMs: 0 });
    await cache.set(acme, entry([]));
    expect(await cache.get(acme)).toBeUndefined();
  });

  test("invalidation by repository, by owner and by the files an entry was read from", async () => {
    const cache = createMemoryConfigCache<{ dryRun: boolean }>({ ttlMs: MINUTE, now: fakeClock().now });
    const fill = async () => {
      await cache.set({ owner: "acme", repo: "site" }, entry(["acme/site:.github/convener.yml", "acme/.github:.github/convener.yml"]));
      await cache.set({ owner: "acme", repo: "docs" }, entry(["acme/docs:.github/convener.yml", "shared/base:base.yml"]));
      await cache.set({ owner: "other", repo: "x" }, entry(["other/x:.github/convener.yml"]));
    };
    const kept = async () => {
      const out: string[] = [];
      for (const r of [{ owner: "acme", repo: "site" }, { owner: "acme", repo: "docs" }, { owner: "other", repo: "x" }]) if (await cache.get(r)) out.push(`${r.owner}/${r.repo}`);
      return out;
    };
    await fill();
    await cache.invalidate({ repo: { owner: "ACME", repo: "site" } });
    expect(await kept()).toEqual(["acme/docs", "other/x"]);
    await fill();
    await cache.invalidate({ owner: "acme" });
    expect(await kept()).toEqual(["other/x"]);
    await fill();
    await cache.invalidate({ file: { owner: "Shared", repo: "base", path: "base.yml" } });
    expect(await kept()).toEqual(["acme/site", "other/x"]);
    await fill();
    await cache.invalidate({ file: { owner: "acme", repo: ".github" } }); // any file of that repository
    expect(await kept()).toEqual(["acme/docs", "other/x"]);
  });

  test("it holds a bounded number of repositories, dropping the least recently stored", async () => {
    const cache = createMemoryConfigCache({ ttlMs: MINUTE, now: fakeClock().now, maxEntries: 2 });
    for (const repo of ["a", "b", "c"]) await cache.set({ owner: "o", repo }, entry([]));
    expect(await cache.get({ owner: "o", repo: "a" })).toBeUndefined();
    expect(await cache.get({ owner: "o", repo: "c" })).toBeDefined();
  });
});

describe("which webhooks make a configuration stale", () => {
  const repository = { name: "site", owner: { login: "acme" }, default_branch: "main" };
  const push = (fields: Record<string, unknown>, repo = repository) => ({ ref: "refs/heads/main", forced: false, repository: repo, ...fields });
  const commit = (files: { added?: string[]; modified?: string[]; removed?: string[] }) => ({ added: [], modified: [], removed: [], ...files });

  test("a default-branch push touching the file drops the repository and whatever read that file", () => {
    expect(configScopesChangedBy("push", push({ commits: [commit({ modified: [PATH] })] }), PATH)).toEqual([
      { file: { owner: "acme", repo: "site", path: PATH } },
      { repo: { owner: "acme", repo: "site" } },
    ]);
    expect(configScopesChangedBy("push", push({ commits: [commit({ removed: ["base.yml"] })] }), PATH)).toEqual([{ file: { owner: "acme", repo: "site", path: "base.yml" } }]);
  });

  test("a push to the owner's .github repository touching the file drops every entry of the owner", () => {
    const scopes = configScopesChangedBy("push", push({ commits: [commit({ added: [PATH] })] }, { ...repository, name: ".github" }), PATH);
    expect(scopes).toContainEqual({ owner: "acme" });
  });

  test("a push elsewhere, or of other files only, changes no configuration it could not have been read from", () => {
    expect(configScopesChangedBy("push", push({ ref: "refs/heads/feature", commits: [commit({ modified: [PATH] })] }), PATH)).toEqual([]);
    expect(configScopesChangedBy("push", push({ ref: "refs/tags/v1", commits: [] }), PATH)).toEqual([]);
    expect(configScopesChangedBy("push", push({ commits: [commit({ modified: ["README.md"] })] }), PATH)).toEqual([{ file: { owner: "acme", repo: "site", path: "README.md" } }]);
  });

  test("a forced push, or one whose commit list GitHub may have cut, is taken to touch every file", () => {
    const whole = [{ repo: { owner: "acme", repo: "site" } }, { file: { owner: "acme", repo: "site" } }];
    expect(configScopesChangedBy("push", push({ forced: true, commits: [commit({ modified: ["README.md"] })] }), PATH)).toEqual(whole);
    const many = Array.from({ length: PUSH_COMMITS_LISTED }, () => commit({ modified: ["README.md"] }));
    expect(configScopesChangedBy("push", push({ commits: many }), PATH)).toEqual(whole);
    expect(configScopesChangedBy("push", push({ commits: "nonsense" }), PATH)).toEqual(whole);
  });

  test("repository, installation and installation_repositories events", () => {
    expect(configScopesChangedBy("repository.edited", { action: "edited", repository }, PATH)).toEqual([{ repo: { owner: "acme", repo: "site" } }, { file: { owner: "acme", repo: "site" } }]);
    expect(configScopesChangedBy("repository.renamed", { action: "renamed", repository, changes: { repository: { name: { from: "old" } } } }, PATH)).toContainEqual({ repo: { owner: "acme", repo: "old" } });
    expect(configScopesChangedBy("installation.deleted", { installation: { account: { login: "acme" } } }, PATH)).toEqual([{ owner: "acme" }]);
    expect(configScopesChangedBy("installation_repositories.removed", { repositories_removed: [{ full_name: "acme/site" }], repositories_added: "x" }, PATH)).toEqual([{ repo: { owner: "acme", repo: "site" } }]);
  });

  test("other events and hostile payloads change nothing and never throw", () => {
    expect(configScopesChangedBy("issues.opened", { repository }, PATH)).toEqual([]);
    for (const payload of [null, 7, "x", {}, { repository: { owner: 3 } }, { repository, ref: 5 }]) {
      expect(() => configScopesChangedBy("push", payload, PATH)).not.toThrow();
      expect(() => configScopesChangedBy("installation_repositories.added", payload, PATH)).not.toThrow();
    }
  });
});

describe("reading through the cache", () => {
  const read = (files: string[], lasting = true) => {
    let reads = 0;
    const fn = async (): Promise<ReadConfig<{ n: number }>> => ({ result: { ok: true, config: { n: ++reads } }, files, lasting });
    return { fn, reads: () => reads };
  };

  test("a second load is served from the cache; invalidation makes the next one read", async () => {
    const loader = createConfigLoader(createMemoryConfigCache<{ n: number }>({ ttlMs: MINUTE, now: fakeClock().now }));
    const r = read(["acme/site:.github/convener.yml"]);
    expect(await loader.load(acme, r.fn)).toEqual({ ok: true, config: { n: 1 } });
    expect(await loader.load(acme, r.fn)).toEqual({ ok: true, config: { n: 1 } });
    expect(r.reads()).toBe(1);
    await loader.invalidate([{ file: { owner: "acme", repo: "site", path: PATH } }]);
    expect(await loader.load(acme, r.fn)).toEqual({ ok: true, config: { n: 2 } });
  });

  test("concurrent loads share one read; a result that does not last is not kept", async () => {
    const loader = createConfigLoader(createMemoryConfigCache<{ n: number }>({ ttlMs: MINUTE, now: fakeClock().now }));
    const r = read([], false);
    await Promise.all([loader.load(acme, r.fn), loader.load(acme, r.fn)]);
    expect(r.reads()).toBe(1);
    await loader.load(acme, r.fn);
    expect(r.reads()).toBe(2);
  });

  test("a read under way when a change arrives is not kept (it may hold the old file)", async () => {
    const loader = createConfigLoader(createMemoryConfigCache<{ n: number }>({ ttlMs: MINUTE, now: fakeClock().now }));
    let release: (() => void) | undefined;
    let reads = 0;
    const slow = async (): Promise<ReadConfig<{ n: number }>> => {
      const n = ++reads;
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      return { result: { ok: true, config: { n } }, files: ["acme/site:.github/convener.yml"], lasting: true };
    };
    const first = loader.load(acme, slow);
    while (!release) await Promise.resolve(); // the read has begun
    await loader.invalidate([{ repo: acme }]);
    release();
    expect(await first).toEqual({ ok: true, config: { n: 1 } });
    expect(await loader.load(acme, slow)).toEqual({ ok: true, config: { n: 2 } });
  });

  test("a cached configuration is frozen: a feature changing it fails instead of changing the next event's", async () => {
    const loader = createConfigLoader(createMemoryConfigCache<{ n: number }>({ ttlMs: MINUTE, now: fakeClock().now }));
    const got = await loader.load(acme, read(["acme/site:.github/convener.yml"]).fn);
    expect(() => {
      if (got.ok) (got.config as { n: number }).n = 5;
    }).toThrow(TypeError);
  });
});
