import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { MAX_TEAM_MEMBERS, createGitHubReader, createTeamReader } from "../../src/core/github.js";
import { ListCappedError } from "../../src/core/paging.js";
import { createRoleResolver, parseRoleEntry, type RolesConfig } from "../../src/core/roles.js";
import { API, createTestOctokit } from "../support/core-octokit.js";

const roles: RolesConfig = {
  moderators: ["alice", "@Bob", "@mcp/mods"],
  coreMaintainers: ["mcp/core"],
  leadMaintainers: ["lead"],
  maintainers: [],
};

function newResolver(config: RolesConfig = roles) {
  const { octokit, requests } = createTestOctokit();
  return { resolver: createRoleResolver(config, createTeamReader(createGitHubReader(octokit))), requests };
}

const membership = (team: string, user: string) => `/orgs/mcp/teams/${team}/memberships/${user}`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe("parseRoleEntry", () => {
  test.each([
    ["alice", { kind: "user", login: "alice" }],
    ["@alice", { kind: "user", login: "alice" }],
    ["mcp/core-maintainers", { kind: "team", org: "mcp", team: "core-maintainers" }],
    ["  @mcp/mods ", { kind: "team", org: "mcp", team: "mods" }],
  ])("%p", (entry, expected) => {
    expect(parseRoleEntry(entry)).toEqual(expected);
  });
});

describe("roles resolved against users and teams", () => {
  test("listed users hold the role (case-insensitive, with or without @) without any request", async () => {
    const { resolver, requests } = newResolver();
    expect(await resolver.hasRole("ALICE", "moderators")).toBe(true);
    expect(await resolver.hasRole("bob", "moderators")).toBe(true);
    expect(requests).toEqual([]);
  });

  test("an active team member holds the role; pending and 404 do not", async () => {
    const scope = nock(API)
      .get(membership("mods", "carol")).reply(200, { state: "active", role: "member" })
      .get(membership("mods", "dave")).reply(200, { state: "pending", role: "member" })
      .get(membership("mods", "erin")).reply(404, { message: "Not Found" });
    const { resolver } = newResolver();
    expect(await resolver.hasRole("carol", "moderators")).toBe(true);
    expect(await resolver.hasRole("dave", "moderators")).toBe(false);
    expect(await resolver.hasRole("erin", "moderators")).toBe(false);
    expect(scope.isDone()).toBe(true);
  });

  test("team answers are cached per resolver: asking again makes no request; a new resolver (delivery) asks again", async () => {
    nock(API).get(membership("mods", "carol")).once().reply(200, { state: "active" });
    const { resolver, requests } = newResolver();
    expect(await resolver.hasRole("carol", "moderators")).toBe(true);
    expect(await resolver.hasRole("Carol", "moderators")).toBe(true);
    expect(await resolver.hasAnyRole("carol", ["moderators"])).toBe(true);
    expect(requests).toEqual([`GET ${membership("mods", "carol")}`]);

    nock(API).get(membership("mods", "carol")).once().reply(404, { message: "Not Found" });
    const next = newResolver();
    expect(await next.resolver.hasRole("carol", "moderators")).toBe(false); // membership changed: seen on the next delivery
    expect(next.requests).toHaveLength(1);
  });

  test("a 404 answer is cached too", async () => {
    nock(API).get(membership("mods", "erin")).once().reply(404, {});
    const { resolver, requests } = newResolver();
    await resolver.hasRole("erin", "moderators");
    await resolver.hasRole("erin", "moderators");
    expect(requests).toHaveLength(1);
  });

  test("GitHub trouble (500) is an error, not 'not a member'", async () => {
    nock(API).get(membership("core", "zed")).reply(500, { message: "boom" });
    const { resolver } = newResolver();
    await expect(resolver.hasRole("zed", "coreMaintainers")).rejects.toMatchObject({ status: 500 });
  });

  test("hasAnyRole checks each role in turn and stops at the first that holds", async () => {
    const scope = nock(API).get(membership("core", "lead")).reply(404, {});
    const { resolver, requests } = newResolver();
    expect(await resolver.hasAnyRole("lead", ["coreMaintainers", "leadMaintainers", "moderators"])).toBe(true);
    expect(requests).toEqual([`GET ${membership("core", "lead")}`]); // moderators' team never asked
    expect(scope.isDone()).toBe(true);
    expect(await resolver.hasAnyRole("nobody", ["maintainers"])).toBe(false);
  });

  test("a member list asked for in the same delivery (even still on its way) answers membership; a failed list falls back to asking about the person", async () => {
    nock(API).get("/orgs/mcp/teams/core/members").query({ per_page: "100", page: "1" }).delay(50).reply(200, [{ login: "Kenji" }]);
    const { resolver, requests } = newResolver();
    const listed = resolver.listMembers("coreMaintainers");
    expect(await resolver.hasRole("kenji", "coreMaintainers")).toBe(true);
    expect(await resolver.hasRole("stranger", "coreMaintainers")).toBe(false);
    await listed;
    expect(requests).toEqual(["GET /orgs/mcp/teams/core/members"]);

    nock(API).get("/orgs/mcp/teams/core/members").query(true).reply(500, {}).get(membership("core", "kenji")).reply(200, { state: "active" });
    const other = newResolver();
    other.resolver.listMembers("coreMaintainers").catch(() => undefined);
    expect(await other.resolver.hasRole("kenji", "coreMaintainers")).toBe(true);
  });

  test("listMembers follows every page of the team, merges users, drops duplicates, sorts", async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => ({ login: `user${String(i).padStart(3, "0")}` }));
    nock(API)
      .get("/orgs/mcp/teams/mods/members")
      .query({ per_page: "100", page: "1" })
      .reply(200, [...page1.slice(0, 99), { login: "ALICE" }])
      .get("/orgs/mcp/teams/mods/members")
      .query({ per_page: "100", page: "2" })
      .reply(200, [{ login: "zoe" }, { login: "bob" }]);
    const { resolver, requests } = newResolver();
    const members = await resolver.listMembers("moderators");
    expect(requests).toHaveLength(2);
    expect(members).toHaveLength(99 + 3); // 99 users + alice + bob + zoe (Bob listed twice, Alice twice)
    expect(members.filter((m) => m.toLowerCase() === "alice")).toHaveLength(1);
    expect(members).toContain("zoe");
    expect(members).toEqual([...members].sort((a, b) => a.localeCompare(b)));
    await resolver.listMembers("moderators");
    expect(requests).toHaveLength(2); // cached
  });

  test(`listMembers of a team past ${MAX_TEAM_MEMBERS} members stops at the cap and says so, never a partial list`, async () => {
    const scope = nock(API)
      .get("/orgs/mcp/teams/mods/members")
      .query(true)
      .times(MAX_TEAM_MEMBERS / 100)
      .reply(200, (uri) => Array.from({ length: 100 }, (_, i) => ({ login: `u${new URL(uri, API).searchParams.get("page")}-${i}` })));
    const { resolver, requests } = newResolver();
    await expect(resolver.listMembers("moderators")).rejects.toThrow(new ListCappedError("the members of team @mcp/mods", MAX_TEAM_MEMBERS));
    expect(requests).toHaveLength(MAX_TEAM_MEMBERS / 100);
    expect(scope.isDone()).toBe(true);
  });

  test("listMembers of a team that does not exist (404) is empty, not an error", async () => {
    nock(API).get("/orgs/mcp/teams/core/members").query(true).reply(404, {});
    const { resolver } = newResolver();
    expect(await resolver.listMembers("coreMaintainers")).toEqual([]);
  });

  test("describe lists the configured entries as written, each with one @", () => {
    const { resolver } = newResolver();
    expect(resolver.describe("moderators")).toEqual(["@alice", "@Bob", "@mcp/mods"]);
  });
});
