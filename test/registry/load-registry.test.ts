import { beforeEach, describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { configSchema, parseConfig } from "../../src/features/config-schema.js";
import type { GitHubReader } from "../../src/core/github.js";
import { clearRegistryCache, loadRegistry, rememberHeadCommit } from "../../src/registry/load-registry.js";
import { REGISTRY_HEAD_QUERY, REGISTRY_QUERY } from "../../src/registry/query.js";
import { knownHeadCommit, notePushedHead } from "../../src/registry/registry-cache.js";
import { fakeDefaultBranch, registryResponder, type FakeDefaultBranch } from "../support/registry-fixtures.js";

const REPO = { owner: "modelcontextprotocol", repo: "modelcontextprotocol" };
const config = configSchema.parse({});

/** GitHub's GraphQL endpoint for one repository, serving the fixture charters; REST is not used. */
function fakeGitHub(branch: FakeDefaultBranch) {
  const respond = registryResponder(branch);
  const variables: Record<string, unknown>[] = [];
  const github: GitHubReader = {
    async get() { throw new Error("the registry reads no REST endpoint"); },
    async paginate() { throw new Error("the registry reads no REST endpoint"); },
    async graphql<T>(query: string, vars?: Record<string, unknown>) {
      variables.push(vars ?? {});
      const answer = respond(query);
      if (!answer) throw new Error("unexpected query");
      return answer.data as T;
    },
  };
  return { github, counts: respond.counts, variables };
}

describe("loading the registry", () => {
  beforeEach(() => clearRegistryCache());

  test("both queries are valid against GitHub's schema", () => {
    expect(validate(REGISTRY_QUERY)).toEqual([]);
    expect(validate(REGISTRY_HEAD_QUERY)).toEqual([]);
  });

  test("one request reads all 16 charters at the default branch head, with the configured folders", async () => {
    const branch = fakeDefaultBranch();
    const { github, counts, variables } = fakeGitHub(branch);
    const registry = await loadRegistry(github, REPO, config);
    expect(registry.commit).toBe(branch.head);
    expect(registry.groups).toHaveLength(16);
    expect(counts).toEqual({ registry: 1, head: 0 });
    expect(variables[0]).toEqual({ ...REPO, wg: "HEAD:docs/community/working-groups", ig: "HEAD:docs/community/interest-groups" });
  });

  test("100 events on one commit cost one request (head re-checked once per interval)", async () => {
    const branch = fakeDefaultBranch();
    const { github, counts } = fakeGitHub(branch);
    let clock = 1_000_000;
    const now = () => clock;
    await Promise.all(Array.from({ length: 50 }, () => loadRegistry(github, REPO, config, { now })));
    for (let i = 0; i < 50; i++) await loadRegistry(github, REPO, config, { now });
    expect(counts).toEqual({ registry: 1, head: 0 });
    clock += 61_000; // past headCheckSeconds: one cheap head query, the registry is not read again
    for (let i = 0; i < 10; i++) await loadRegistry(github, REPO, config, { now });
    expect(counts).toEqual({ registry: 1, head: 1 });
  });

  test("a new default-branch commit is read once; a push's `after` saves the head check", async () => {
    const branch = fakeDefaultBranch();
    const { github, counts } = fakeGitHub(branch);
    let clock = 0;
    const now = () => clock;
    await loadRegistry(github, REPO, config, { now });
    branch.head = "b".repeat(40);
    branch.wg["xray.mdx"] = "---\ntitle: X-Ray Charter\n---\n## Group Type\n\n**Working Group**\n";
    // Within the interval the app does not know of the push yet, unless the event tells it.
    expect((await loadRegistry(github, REPO, config, { now })).groups).toHaveLength(16);
    const fresh = await loadRegistry(github, REPO, config, { now, headCommit: branch.head });
    expect(fresh.groups.map((g) => g.tag)).toContain("xray-wg");
    expect(counts).toEqual({ registry: 2, head: 0 });
    // Another feature's query learnt the head: no request at all.
    rememberHeadCommit(REPO, branch.head, clock);
    clock += 30_000;
    await loadRegistry(github, REPO, config, { now });
    expect(counts).toEqual({ registry: 2, head: 0 });
    // After the interval the head check finds the new commit by itself.
    branch.head = "c".repeat(40);
    clock += 61_000;
    expect((await loadRegistry(github, REPO, config, { now })).commit).toBe("c".repeat(40));
    expect(counts).toEqual({ registry: 3, head: 1 });
  });

  test("missing folders, non-charter files and unreadable blobs", async () => {
    const branch = fakeDefaultBranch();
    branch.wg["index.mdx"] = "# Working groups\n";
    branch.wg["logo.png"] = "binary";
    const { github } = fakeGitHub(branch);
    const registry = await loadRegistry(github, REPO, config);
    expect(registry.groups.some((g) => g.path.endsWith("index.mdx") || g.path.endsWith(".png"))).toBe(false);

    clearRegistryCache();
    const empty: GitHubReader = {
      ...github,
      graphql: async <T>() => ({ repository: { defaultBranchRef: { target: { oid: "d".repeat(40) } }, wg: null, ig: { entries: [
        { name: "big.mdx", type: "blob", object: { text: null, isTruncated: true } },
        { name: "sub", type: "tree", object: {} },
      ] } } }) as T,
    };
    const none = await loadRegistry(empty, REPO, config);
    expect(none.groups).toEqual([]);
    expect(none.problems).toEqual([{ path: "docs/community/interest-groups/big.mdx", line: 1, message: "the charter could not be read (binary or too large)" }]);
  });

  test("an unreadable repository is an error the caller sees, and nothing is cached", async () => {
    const github: GitHubReader = { get: async <T>() => ({}) as T, paginate: async () => [], graphql: async <T>() => ({ repository: null }) as T };
    await expect(loadRegistry(github, REPO, config)).rejects.toThrow("is not readable");
  });

  test("configured folders are read instead; a tag claimed twice is reported", async () => {
    const branch = fakeDefaultBranch();
    branch.wg["agents-copy.mdx"] = "---\ntitle: Agents Again Charter\ntag: agents-wg\n---\n## Group Type\n\n**Working Group**\n";
    const { github, variables } = fakeGitHub(branch);
    const custom = configSchema.parse({ registry: { workingGroupsPath: "groups/wg", interestGroupsPath: "groups/ig" } });
    const registry = await loadRegistry(github, REPO, custom);
    expect(variables[0]).toMatchObject({ wg: "HEAD:groups/wg", ig: "HEAD:groups/ig" });
    expect(registry.groups[0]!.path).toBe("groups/wg/agents-copy.mdx");
    expect(registry.problems).toEqual([{ path: "groups/wg/agents.mdx", line: 1, message: "tag `agents-wg` is also used by groups/wg/agents-copy.mdx" }]);
  });

  test("a folder path with a trailing slash or a colon is a config error", () => {
    expect(configSchema.safeParse({ registry: { workingGroupsPath: "docs/wg/" } }).success).toBe(false);
    expect(configSchema.safeParse({ registry: { interestGroupsPath: "HEAD:docs" } }).success).toBe(false);
    expect(configSchema.safeParse({ sepLink: { enabled: "yes" } }).success).toBe(false);
  });

  test("the SEP-link switch's old place is an error that names its new key", () => {
    const result = parseConfig({ registry: { sepLink: { enabled: false } } });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      { key: "registry.sepLink", message: expect.stringContaining("`sepLink.enabled` at the top level") },
    ]);
    expect(parseConfig({ sepLink: { enabled: false } })).toMatchObject({ ok: true, config: { sepLink: { enabled: false } } });
  });
});

describe("a default-branch push keeps the registry's head current", () => {
  beforeEach(() => clearRegistryCache());
  const payload = (ref: string, after: string) => ({
    ref, after, repository: { name: REPO.repo, owner: { login: REPO.owner }, default_branch: "main" },
  });

  test("a push that touches no charter keeps the registry read at its parent; one that does, or a forced one, does not", async () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map((x) => x.repeat(40)) as [string, string, string, string];
    const branch = fakeDefaultBranch(a);
    const { github, counts } = fakeGitHub(branch);
    await loadRegistry(github, REPO, config);
    const push = (before: string, after: string, files: string[], extra: Record<string, unknown> = {}) => {
      branch.head = after;
      notePushedHead({ ...payload("refs/heads/main", after), before, commits: [{ added: [], modified: files, removed: [] }], ...extra });
    };
    // An agenda and a file next to (not in) the charter folder: nothing to read.
    push(a, b, ["meetings/auth-ig/2030-03-11.md", "docs/community/working-groups.md"]);
    expect((await loadRegistry(github, REPO, config)).commit).toBe(b);
    expect(counts.registry).toBe(1);
    push(b, c, ["docs/community/interest-groups/auth.mdx"]);
    expect((await loadRegistry(github, REPO, config)).commit).toBe(c);
    expect(counts.registry).toBe(2);
    push(c, d, ["README.md"], { forced: true });
    expect((await loadRegistry(github, REPO, config)).commit).toBe(d);
    // A push on top of another commit than the one read (an earlier push not seen): read again.
    push(b, "e".repeat(40), ["README.md"]);
    expect((await loadRegistry(github, REPO, config)).commit).toBe("e".repeat(40));
    expect(counts).toEqual({ registry: 4, head: 0 });
  });

  test("the pushed commit is the known head; other branches and deletions are ignored", () => {
    notePushedHead(payload("refs/heads/feature", "b".repeat(40)));
    expect(knownHeadCommit(REPO, 60_000)).toBeUndefined();
    notePushedHead(payload("refs/heads/main", "0".repeat(40)));
    expect(knownHeadCommit(REPO, 60_000)).toBeUndefined();
    notePushedHead(payload("refs/heads/main", "A".repeat(40)));
    expect(knownHeadCommit(REPO, 60_000)).toBe("a".repeat(40));
  });
});
