import { describe, expect, test } from "@jest/globals";
import { createReadCaches, readCacheSecondsFromEnv } from "../../src/core/read-caches.js";
import { createCachedTeamReader, createMemoryTeamCache, teamScopesChangedBy } from "../../src/core/role-cache.js";
import { createRoleResolver, type TeamReader } from "../../src/core/roles.js";

const MINUTE = 60_000;

function fakeClock() {
  let t = 5_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** A team reader over a fixed membership table that counts the questions it is asked. */
function countingTeams(members: Record<string, string[]>) {
  const asked: string[] = [];
  const reader: TeamReader = {
    async isTeamMember(org, team, login) {
      asked.push(`member ${org}/${team} ${login}`);
      return (members[`${org}/${team}`] ?? []).includes(login);
    },
    async listTeamMembers(org, team) {
      asked.push(`list ${org}/${team}`);
      return [...(members[`${org}/${team}`] ?? [])];
    },
  };
  return { reader, asked, members };
}

const roles = { moderators: ["mcp/mods"], coreMaintainers: ["mcp/core"], leadMaintainers: [], maintainers: [] };

describe("team answers cached between deliveries", () => {
  test("a role check whose answer is cached asks nothing, across resolvers (deliveries), until the time limit", async () => {
    const clock = fakeClock();
    const caches = createReadCaches({ configMs: MINUTE, rolesMs: 10 * MINUTE, now: clock.now });
    const teams = countingTeams({ "mcp/mods": ["alice"] });
    const delivery = () => createRoleResolver(roles, caches.teams(teams.reader, 1));
    expect(await delivery().hasRole("alice", "moderators")).toBe(true);
    expect(await delivery().hasRole("bob", "moderators")).toBe(false);
    expect(await delivery().hasRole("alice", "moderators")).toBe(true);
    expect(await delivery().hasRole("bob", "moderators")).toBe(false); // a "no" is an answer too
    expect(await delivery().listMembers("moderators")).toEqual(["alice"]);
    expect(await delivery().listMembers("moderators")).toEqual(["alice"]);
    expect(teams.asked).toEqual(["member mcp/mods alice", "member mcp/mods bob", "list mcp/mods"]);
    clock.advance(10 * MINUTE);
    await delivery().hasRole("alice", "moderators");
    expect(teams.asked).toHaveLength(4);
  });

  test("answers are kept per installation", async () => {
    const caches = createReadCaches({ configMs: MINUTE, rolesMs: MINUTE, now: fakeClock().now });
    const teams = countingTeams({ "mcp/mods": ["alice"] });
    await createRoleResolver(roles, caches.teams(teams.reader, 1)).hasRole("alice", "moderators");
    await createRoleResolver(roles, caches.teams(teams.reader, 2)).hasRole("alice", "moderators");
    expect(teams.asked).toHaveLength(2);
  });

  test("a membership webhook drops the member's answers and the org's lists, so the next check asks again", async () => {
    const caches = createReadCaches({ configMs: MINUTE, rolesMs: 10 * MINUTE, now: fakeClock().now });
    const teams = countingTeams({ "mcp/mods": ["alice", "bob"], "mcp/core": ["carol"] });
    const delivery = () => createRoleResolver(roles, caches.teams(teams.reader, 1));
    await delivery().hasRole("alice", "moderators");
    await delivery().hasRole("bob", "moderators");
    await delivery().listMembers("moderators");
    teams.members["mcp/mods"] = ["bob"];
    // The sender is the admin who made the change; the member is whose answers change.
    await caches.noteEvent("membership.removed", { action: "removed", scope: "team", member: { login: "alice" }, sender: { login: "bob" }, team: { slug: "mods" }, organization: { login: "MCP" } });
    teams.asked.length = 0;
    expect(await delivery().hasRole("alice", "moderators")).toBe(false);
    expect(await delivery().hasRole("bob", "moderators")).toBe(true);
    expect(await delivery().listMembers("moderators")).toEqual(["bob"]);
    expect(teams.asked).toEqual(["member mcp/mods alice", "list mcp/mods"]);
  });

  test("a failed question is not an answer", async () => {
    const cache = createMemoryTeamCache({ ttlMs: MINUTE, now: fakeClock().now });
    let calls = 0;
    const failing: TeamReader = {
      isTeamMember: async () => {
        if (++calls === 1) throw Object.assign(new Error("bad gateway"), { status: 502 });
        return true;
      },
      listTeamMembers: async () => [],
    };
    const reader = createCachedTeamReader(failing, cache, "1", () => 0);
    await expect(reader.isTeamMember("mcp", "mods", "alice")).rejects.toThrow("bad gateway");
    expect(await reader.isTeamMember("mcp", "mods", "alice")).toBe(true);
    expect(calls).toBe(2);
  });

  test("an answer that arrives after a change to the org is not kept", async () => {
    const cache = createMemoryTeamCache({ ttlMs: MINUTE, now: fakeClock().now });
    let generation = 0;
    let calls = 0;
    const reader = createCachedTeamReader({ isTeamMember: async () => (++calls, generation++, true), listTeamMembers: async () => [] }, cache, "1", () => generation);
    await reader.isTeamMember("mcp", "mods", "alice");
    await reader.isTeamMember("mcp", "mods", "alice");
    expect(calls).toBe(2);
  });
});

describe("which webhooks change team answers", () => {
  test.each([
    ["membership.added", { member: { login: "alice" }, organization: { login: "mcp" } }, [{ org: "mcp", login: "alice" }]],
    ["organization.member_removed", { action: "member_removed", membership: { user: { login: "alice" } }, organization: { login: "mcp" } }, [{ org: "mcp", login: "alice" }]],
    ["organization.renamed", { action: "renamed", organization: { login: "new" }, changes: { login: { from: "old" } } }, [{ org: "new" }, { org: "old" }]],
    ["team.edited", { team: { slug: "mods" }, organization: { login: "mcp" } }, [{ org: "mcp" }]],
    ["team.deleted", { organization: { login: "mcp" } }, [{ org: "mcp" }]],
    ["installation.deleted", {}, [{ all: true }]],
    ["issues.opened", { organization: { login: "mcp" } }, []],
    ["membership.removed", { member: "x" }, []],
    ["membership.removed", null, []],
  ])("%s", (event, payload, scopes) => {
    expect(teamScopesChangedBy(event, payload)).toEqual(scopes);
  });

  test("an org-wide change drops every answer of the org, not another org's", async () => {
    const cache = createMemoryTeamCache({ ttlMs: MINUTE, now: fakeClock().now });
    await cache.set("1", { kind: "member", org: "mcp", team: "mods", login: "alice" }, true);
    await cache.set("1", { kind: "members", org: "mcp", team: "mods" }, ["alice"]);
    await cache.set("1", { kind: "member", org: "other", team: "mods", login: "alice" }, true);
    await cache.invalidate({ org: "MCP" });
    expect(await cache.get("1", { kind: "member", org: "mcp", team: "mods", login: "alice" })).toBeUndefined();
    expect(await cache.get("1", { kind: "members", org: "mcp", team: "mods" })).toBeUndefined();
    expect(await cache.get("1", { kind: "member", org: "other", team: "mods", login: "alice" })).toBe(true);
  });
});

describe("cache time limits from the environment", () => {
  test("10 minutes each by default; whole seconds; 0 turns a cache off; anything else is refused", () => {
    expect(readCacheSecondsFromEnv({})).toEqual({ configMs: 600_000, rolesMs: 600_000 });
    expect(readCacheSecondsFromEnv({ CONFIG_CACHE_SECONDS: "0", ROLE_CACHE_SECONDS: " 30 " })).toEqual({ configMs: 0, rolesMs: 30_000 });
    expect(() => readCacheSecondsFromEnv({ ROLE_CACHE_SECONDS: "5m" })).toThrow(/ROLE_CACHE_SECONDS/);
  });
});

describe("a kept member list answers membership questions", () => {
  test("after the team's list was read, asking about anyone on it or not costs nothing", async () => {
    const caches = createReadCaches({ configMs: MINUTE, rolesMs: MINUTE, now: fakeClock().now });
    const teams = countingTeams({ "mcp/mods": ["Alice", "bob"] });
    const delivery = () => createRoleResolver(roles, caches.teams(teams.reader, 1));
    await delivery().listMembers("moderators");
    expect(await delivery().hasRole("alice", "moderators")).toBe(true);
    expect(await delivery().hasRole("carol", "moderators")).toBe(false);
    expect(teams.asked).toEqual(["list mcp/mods"]);
  });
});
