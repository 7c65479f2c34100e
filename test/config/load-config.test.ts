import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { pino } from "pino";
import { Context } from "probot";
import { defaultConfig, loadConfig } from "../../src/features/config-schema.js";
import { API, createTestOctokit } from "../support/core-octokit.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const FILE = `/contents/${encodeURIComponent(".github/convener.yml")}`;

/** A real Probot context for an `issues` event in `mcp/specification`, on Probot's own Octokit. */
function contextFor(owner = "mcp", repo = "specification"): Context {
  const { octokit } = createTestOctokit();
  const payload = { action: "opened", repository: { name: repo, owner: { login: owner } }, issue: { number: 1 }, installation: { id: 1 } };
  return new Context({ id: "delivery-1", name: "issues", payload } as any, octokit as any, pino({ level: "silent" }) as any);
}

const serve = (repo: string, body: string | null, path = FILE, owner = "mcp") =>
  body === null
    ? nock(API).get(`/repos/${owner}/${repo}${path}`).reply(404, { message: "Not Found" })
    : nock(API).get(`/repos/${owner}/${repo}${path}`).reply(200, body, { "content-type": "text/plain; charset=utf-8" });

describe("loadConfig through Probot's context.config", () => {
  test("reads .github/convener.yml of the repository (raw), merged onto the defaults", async () => {
    const scope = serve("specification", "roles:\n  moderators: [alice]\n");
    const result = await loadConfig(contextFor());
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.roles.moderators).toEqual(["alice"]);
    expect(result.config.intake).toEqual(defaultConfig.intake);
  });

  test("no file in the repository (404): the org's .github repository is used", async () => {
    const scope = serve("specification", null).get(`/repos/mcp/.github${FILE}`).reply(200, "dryRun: true\n");
    const result = await loadConfig(contextFor());
    expect(scope.isDone()).toBe(true);
    expect(result.ok && result.config.dryRun).toBe(true);
  });

  test("no file anywhere: the defaults (two requests, no error)", async () => {
    const scope = serve("specification", null);
    serve(".github", null);
    const result = await loadConfig(contextFor());
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, config: defaultConfig });
  });

  test("an empty file is the defaults", async () => {
    serve("specification", "");
    expect(await loadConfig(contextFor())).toEqual({ ok: true, config: defaultConfig });
  });

  test("_extends: the base is read; ARRAYS ARE REPLACED by the extending file, not concatenated; mappings merge", async () => {
    const scope = serve("specification", "_extends: .github\nroles:\n  moderators: [carol]\n");
    serve(".github", "roles:\n  moderators: [alice, bob]\n  coreMaintainers: [dave]\nintake:\n  labels:\n    ready: base-ready\n");
    const result = await loadConfig(contextFor());
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.roles.moderators).toEqual(["carol"]); // Probot's default would give [alice, bob, carol]
    expect(result.config.roles.coreMaintainers).toEqual(["dave"]); // from the base
    expect(result.config.intake.labels.ready).toBe("base-ready");
  });

  test("_extends another repository and path (`repo:path.yml`), two levels deep", async () => {
    serve("specification", "_extends: governance:shared/convener.yml\nroles:\n  leadMaintainers: [lead]\n");
    serve("governance", "_extends: .github\nroles:\n  moderators: [mod]\n", `/contents/${encodeURIComponent("shared/convener.yml")}`);
    serve(".github", "dryRun: true\nroles:\n  moderators: [org-mod, other]\n");
    const result = await loadConfig(contextFor());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({ dryRun: true, roles: { moderators: ["mod"], leadMaintainers: ["lead"] } });
  });

  test("an extended file that does not exist: the repository's own file still applies", async () => {
    serve("specification", "_extends: nowhere\ndryRun: true\n");
    serve("nowhere", null);
    const result = await loadConfig(contextFor());
    expect(result.ok && result.config.dryRun).toBe(true);
  });

  test("a YAML syntax error is a problem naming the file and the line, not a throw", async () => {
    serve("specification", "roles:\n  moderators: [alice\nintake: {\n");
    const result = await loadConfig(contextFor());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.key).toBe("(file)");
    expect(result.problems[0]!.message).toMatch(/convener\.yml/);
    expect(result.problems[0]!.message).toMatch(/^line \d+ of https:\/\/github.com\/mcp\/specification\/blob\/HEAD\/.github\/convener.yml is not valid YAML: /);
  });

  test("an invalid _extends value is a problem, not a throw", async () => {
    serve("specification", "_extends: [a, b]\n");
    const result = await loadConfig(contextFor());
    expect(result).toEqual({ ok: false, problems: [{ key: "(file)", message: expect.stringMatching(/_extends/) }] });
  });

  test("a file that is a plain string is a problem", async () => {
    serve("specification", "hello\n");
    const result = await loadConfig(contextFor());
    expect(result.ok).toBe(false);
  });

  test.each([["a number", "42\n"], ["a boolean", "true\n"], ["a list", "- roles\n- intake\n"]])(
    "a file that is %s is a problem, not silently the defaults",
    async (_what, yaml) => {
      serve("specification", yaml);
      const result = await loadConfig(contextFor());
      expect(result).toEqual({ ok: false, problems: [{ key: "(file)", message: expect.stringMatching(/mapping/) }] });
    },
  );

  test("unknown keys in the file are problems with their dotted key", async () => {
    serve("specification", "intake:\n  labels:\n    redy: x\n");
    const result = await loadConfig(contextFor());
    expect(result).toEqual({ ok: false, problems: [{ key: "intake.labels.redy", message: expect.stringContaining("unknown key") }] });
  });

  test("GitHub trouble (5xx) is thrown, not reported as a config problem", async () => {
    nock(API).get(`/repos/mcp/specification${FILE}`).reply(502, { message: "Bad Gateway" });
    await expect(loadConfig(contextFor())).rejects.toMatchObject({ status: 502 });
  });
});

describe("loadConfig: hostile files", () => {
  test("a `__proto__` key is reported as an unknown key, not merged into the prototype", async () => {
    serve("specification", "_extends: .github\n__proto__:\n  dryRun: true\n");
    serve(".github", "roles:\n  moderators: [alice]\n");
    const result = await loadConfig(contextFor());
    expect(result).toEqual({ ok: false, problems: [{ key: "__proto__", message: expect.stringContaining("unknown key") }] });
  });

  test("a YAML problem message is one readable line", async () => {
    serve("specification", "roles: [\n");
    const result = await loadConfig(contextFor());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.message).not.toContain("\n");
    expect(result.problems[0]!.message).not.toContain("[@probot/");
  });

  test("a file past 16 KB is refused unread, with its size and the limit", async () => {
    serve("specification", "dryRun: false\n" + "# padding\n".repeat(20_000));
    const result = await loadConfig(contextFor());
    expect(result).toEqual({ ok: false, problems: [{ key: "(file)", message: expect.stringMatching(/convener\.yml is 200,014 bytes; configuration files may be at most 16,384 bytes/) }] });
  });

  test("nesting past 64 levels is refused with its line before any YAML parser sees it", async () => {
    serve("specification", "roles:\n  x: " + "{a: ".repeat(2_000) + "1" + "}".repeat(2_000) + "\n");
    const result = await loadConfig(contextFor());
    expect(result).toEqual({ ok: false, problems: [{ key: "(file)", message: expect.stringMatching(/^line 2 of .*convener\.yml is nested more than 64 levels deep/) }] });
  });

  test("an `_extends` loop and an overlong chain are problems naming the file", async () => {
    serve("specification", "_extends: a\n");
    serve("a", "_extends: specification\n");
    const loop = await loadConfig(contextFor());
    expect(loop).toEqual({ ok: false, problems: [{ key: "(file)", message: expect.stringMatching(/mcp\/a\/blob\/HEAD\/.github\/convener.yml: `_extends` leads back to .*mcp\/specification/) }] });
    serve("specification", "_extends: r1\n");
    for (let i = 1; i <= 6; i++) serve(`r${i}`, `_extends: r${i + 1}\n`);
    const chain = await loadConfig(contextFor());
    expect(chain).toEqual({ ok: false, problems: [{ key: "(file)", message: expect.stringMatching(/`_extends` goes more than 5 files deep/) }] });
  });
});

