import { describe, expect, test } from "@jest/globals";
import { parse as parseYaml } from "yaml";
import type { ConfigResult } from "../../src/config/parse-config.js";
import { configSchema, defaultConfig, parseConfig, type Config } from "../../src/features/config-schema.js";

const problemsOf = (result: ConfigResult<Config>) => (result.ok ? [] : result.problems);
const fromYaml = (text: string) => parseConfig(parseYaml(text));

describe("defaults: no file, an empty file or an empty mapping is the MCP configuration", () => {
  test.each([
    ["no file anywhere (null)", null],
    ["undefined", undefined],
    ["an empty mapping", {}],
    ["an empty YAML file", parseYaml("")],
    ["a YAML file of comments only", parseYaml("# nothing yet\n")],
  ])("%s", (_what, raw) => {
    const result = parseConfig(raw);
    expect(result).toEqual({ ok: true, config: defaultConfig });
  });

  test("the defaults are the MCP rules", () => {
    expect(defaultConfig.dryRun).toBe(false);
    expect(defaultConfig.roles).toEqual({
      moderators: ["modelcontextprotocol/community-moderators"],
      coreMaintainers: ["modelcontextprotocol/core-maintainers"],
      leadMaintainers: ["modelcontextprotocol/lead-maintainers"],
      maintainers: ["modelcontextprotocol/maintainers"],
    });
    expect(defaultConfig.intake.labels).toMatchObject({ request: "group-request", ready: "group/ready", needsChanges: "group/needs-changes" });
  });

  test("a section given in part keeps the defaults of the keys it leaves out", () => {
    const result = fromYaml("intake:\n  labels:\n    ready: ok-to-vote\nroles:\n  moderators: [alice]\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.intake.labels.ready).toBe("ok-to-vote");
    expect(result.config.intake.labels.request).toBe("group-request");
    expect(result.config.roles.moderators).toEqual(["alice"]);
    expect(result.config.roles.coreMaintainers).toEqual(defaultConfig.roles.coreMaintainers);
  });

  test("parsing does not share state between calls (defaults are not mutated)", () => {
    const first = fromYaml("roles:\n  moderators: [alice]\n");
    expect(first.ok && first.config.roles.moderators).toEqual(["alice"]);
    expect(parseConfig(null)).toEqual({ ok: true, config: defaultConfig });
    expect(configSchema.parse({}).roles.moderators).toEqual(["modelcontextprotocol/community-moderators"]);
  });
});

describe("unknown keys are errors, named by their dotted path", () => {
  test.each([
    ["top level", "dryrun: true\n", "dryrun"],
    ["in a section", "intake:\n  enable: false\n", "intake.enable"],
    ["two levels deep", "intake:\n  labels:\n    redy: x\n", "intake.labels.redy"],
    ["in roles", "roles:\n  moderator: [alice]\n", "roles.moderator"],
  ])("%s", (_where, yaml, key) => {
    const problems = problemsOf(fromYaml(yaml));
    expect(problems).toEqual([{ key, message: expect.stringContaining("unknown key") }]);
  });

  test("several unknown keys in one mapping are all named", () => {
    const problems = problemsOf(fromYaml("intake:\n  foo: 1\n  bar: 2\n"));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.key).toBe("intake.foo, intake.bar");
    expect(problems[0]!.message).toMatch(/unknown keys/);
  });

  test("problems in different places are each reported", () => {
    const problems = problemsOf(fromYaml("dryRun: maybe\nwhat: 1\nroles:\n  moderators: alice\n"));
    expect(problems.map((p) => p.key).sort()).toEqual(["dryRun", "roles.moderators", "what"]);
  });
});

describe("wrong types", () => {
  test.each([
    ["a boolean given as a string", "dryRun: \"yes\"\n", "dryRun", /expected boolean, received string/],
    ["a list given as a string", "roles:\n  moderators: alice\n", "roles.moderators", /expected array, received string/],
    ["a bad entry in a list, by index", "roles:\n  moderators: [alice, \"not a user!\"]\n", "roles.moderators.1", /GitHub user/],
    ["an empty label", "intake:\n  labels:\n    ready: \"\"\n", "intake.labels.ready", />=1 character/],
    ["a section given as a list", "intake: [1, 2]\n", "intake", /expected object, received array/],
    ["a section given as null", "roles: null\n", "roles", /expected object, received null/],
  ])("%s", (_what, yaml, key, message) => {
    const problems = problemsOf(fromYaml(yaml));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.key).toBe(key);
    expect(problems[0]!.message).toMatch(message);
  });

  test("role entries accept users, @users and org teams", () => {
    const result = fromYaml("roles:\n  moderators: [alice, \"@bob\", mcp/mods, \"@mcp/core-maintainers\"]\n");
    expect(problemsOf(result)).toEqual([]);
  });

  test.each(["alice-", "-alice", "al--ice", "zoë", "a".repeat(40), "bad_org/team", "@org/te am"])("role entry %j is not in GitHub's login grammar", (entry) => {
    expect(problemsOf(fromYaml(`roles:\n  moderators: [${JSON.stringify(entry)}]\n`))).toEqual([
      {
        key: "roles.moderators.0",
        message: "must be a GitHub user (`alice`) or an org team (`org/team-slug`); a login has ASCII letters and digits, single hyphens between them, at most 39 characters",
      },
    ]);
  });

  test("a 39-character login is a role entry", () => {
    expect(problemsOf(fromYaml(`roles:\n  moderators: [${"a".repeat(39)}]\n`))).toEqual([]);
  });
});

describe("a file that is not a mapping", () => {
  test.each([
    ["a string", "just some text\n"],
    ["a number", "42\n"],
    ["a list", "- roles\n- intake\n"],
    ["a boolean", "true\n"],
  ])("%s is one (file) problem", (_what, yaml) => {
    expect(fromYaml(yaml)).toEqual({ ok: false, problems: [{ key: "(file)", message: expect.stringMatching(/mapping/) }] });
  });
});
