import { afterEach, describe, expect, test } from "@jest/globals";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCheckSeps } from "../../src/cli/check-seps.js";
import { commands } from "../../src/cli/commands.js";
import type { Issue } from "../../sandbox/src/state.js";
import { holdDeliveries } from "../support/delivery-requests.js";
import { AUTHOR, REPO, SEP_LABELS, SEP_NOW, startSepWorld, type SepWorld } from "../support/sep-stand-in.js";
import { sepText } from "../support/seps-text.js";
import { CHARTERS_DIR, DRAFT_SEPS_DIR } from "../support/shared-fixtures.js";

const DRAFTS = DRAFT_SEPS_DIR;
const CHARTERS = CHARTERS_DIR;

async function cli(args: string[], cwd: string, now = SEP_NOW) {
  let stdout = "";
  let stderr = "";
  const code = await runCheckSeps(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, now });
  return { code, stdout, stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "check-seps-"));
  mkdirSync(join(dir, "seps"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "seps", name), text);
  return dir;
}

describe("convener check-seps", () => {
  test("is registered as a CLI command", async () => {
    expect(commands.map((c) => c.name)).toContain("check-seps");
  });

  test("a clean file exits 0; warnings and notices alone do not fail", async () => {
    const dir = workspace({ "1234-a-useful-change.md": sepText({ fields: { "Working Group": null, Status: "draft" } }) });
    const result = await cli(["seps/1234-a-useful-change.md"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "seps/1234-a-useful-change.md:3: warning: status: Write Status as `Draft`, not `draft`.\n" +
      "seps/1234-a-useful-change.md:3: notice: working-group: No owning Working Group is named. A SEP may be submitted without one; when a Working Group takes it on, add `- **Working Group**: <wg-tag>`.\n",
    );
    expect(result.stderr).toContain("1 SEP file(s) checked: 0 error(s), 1 warning(s), 1 notice(s)");
  });

  test("an error exits 1 and prints file:line: level: rule: message", async () => {
    const dir = workspace({ "1234-a-useful-change.md": sepText({ fields: { Type: "Extension" } }) });
    const result = await cli([], dir); // no files: every seps/*.md
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "seps/1234-a-useful-change.md:4: error: type: Type `Extension` is not allowed; use one of: Standards Track, Informational, Process, Extensions Track.\n",
    );
  });

  test("--format json lists findings per file", async () => {
    const dir = workspace({ "2822-client-generated-session-id.md": readFileSync(`${DRAFTS}/2822-client-generated-session-id.md`, "utf8") });
    const result = await cli(["--format", "json", "seps/2822-client-generated-session-id.md"], dir, new Date("2026-11-24T00:00:00Z"));
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ errors: 2, warnings: 2, notices: 1 });
    expect(json.files[0].findings[0]).toEqual({
      rule: "section-required", level: "error", line: 1,
      message: expect.stringContaining("Missing sections: `## Backward Compatibility`"),
    });
  });

  test("absolute paths outside the working folder are read too", async () => {
    const dir = workspace({});
    const file = `${DRAFTS}/2848-asynchronous-approval-for-tool-calls.md`;
    const result = await cli([file], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("2848-asynchronous-approval-for-tool-calls.md:3: warning: status: Write Status as `Draft`, not `draft`.");
  });

  test("--registry checks the Working Group against local charters", async () => {
    const dir = workspace({ "1234-a-useful-change.md": sepText({ fields: { "Working Group": "retro-wg" } }) });
    expect((await cli(["seps/1234-a-useful-change.md"], dir)).code).toBe(0); // no registry: name not checked
    const result = await cli(["--registry", CHARTERS, "seps/1234-a-useful-change.md"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^seps\/1234-a-useful-change\.md:9: error: working-group: Working Group `retro-wg` is not a registered group/);
  });

  test("sponsor roles listed as users are checked offline", async () => {
    const dir = workspace({ "1234-a-useful-change.md": sepText({ fields: { "Working Group": null } }) });
    mkdirSync(join(dir, ".github"));
    writeFileSync(join(dir, ".github", "convener.yml"), "roles:\n  maintainers: [alice]\n  coreMaintainers: []\n  leadMaintainers: []\n");
    expect((await cli(["seps/1234-a-useful-change.md"], dir)).stdout).toContain(":7: error: sponsor-role: Sponsor `@mia` must be one of the maintainers / coreMaintainers / leadMaintainers");
  });

  test.each([
    [["--format", "xml", "x.md"], "--format must be text or json"],
    [["--pr", "abc", "x.md"], "--pr must be a pull request number"],
    [["--nope"], "Unknown option"],
    [["seps/missing.md"], "cannot read"],
    [["--registry", "/nonexistent", "x.md"], "no charters found"],
  ])("usage errors exit 2: %j", async (args, message) => {
    const dir = workspace({});
    const result = await cli(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe("the CLI and the check run report the same findings for the same files", () => {
  let w: SepWorld | undefined;
  afterEach(async () => w?.stop());

  test("twenty messy real drafts in one PR (the most one check run reads)", async () => {
    const names = readdirSync(DRAFTS).filter((n) => n.endsWith(".md")).sort().slice(0, 20);
    const files: Record<string, string> = {};
    const sponsors = new Set<string>();
    for (const name of names) {
      files[name] = readFileSync(`${DRAFTS}/${name}`, "utf8");
      for (const m of files[name]!.matchAll(/Sponsor.*?@([A-Za-z0-9-]+)/g)) sponsors.add(m[1]!);
    }
    // Every named sponsor is a maintainer: offline the team cannot be asked, so the CLI skips that rule.
    // Octokit's retries on, as in production: this much work on a loaded machine can leave a kept-alive
    // connection idle long enough for the server to close it under the next request (ECONNRESET).
    w = await startSepWorld({ maintainers: [...sponsors], retries: true });
    const author = w.standIn.control.as(AUTHOR, REPO);
    let pr: Issue | undefined;
    // A PR opened with its labels: the app gets the `opened` event only, as the first delivery would
    // find the labels already there (the `labeled` ones would re-check the same head).
    const held = holdDeliveries(w.standIn, () => {
      pr = author.openPullRequest("SEP: twenty drafts", "", Object.fromEntries(names.map((n) => [`seps/${n}`, files[n]!])));
      author.label(pr.number, ...SEP_LABELS);
    });
    const opened = held.find((d) => d.event === "pull_request" && d.action === "opened")!;
    // Handed to Probot directly, not over HTTP: twenty real drafts can take a loaded CI machine past
    // GitHub's 10-second delivery timeout, and this test is about the findings, not the transport.
    await w.probot.receive({ id: opened.id, name: opened.event, payload: JSON.parse(opened.body) } as any);
    await w.settle();
    const runs = w.runsOn(pr!.pull!.headSha);
    expect(runs).toHaveLength(1);
    const fromCheck = runs[0]!.annotations.map((a: any) => ({
      path: a.path, line: a.start_line, level: a.annotation_level === "failure" ? "error" : a.annotation_level, rule: a.title, message: a.message,
    }));

    const dir = workspace(files);
    const result = await cli(["--format", "json", "--pr", String(pr!.number), "--registry", CHARTERS, ...names.map((n) => `seps/${n}`)], dir);
    const fromCli = JSON.parse(result.stdout).files.flatMap((f: any) => f.findings.map((x: any) => ({ path: f.path, ...x })));

    expect(fromCli.length).toBeGreaterThan(100);
    // Several batches of 50: one create (in progress), then the updates of the same run in one more
    // GraphQL document, the last completing it.
    const stored = w.standIn.control.repoOf(REPO).checkRuns.filter((r) => r.name === "SEP metadata");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.annotations.length).toBeGreaterThan(100);
    expect(stored[0]!.status).toBe("completed");
    // The one documented difference: offline there are no PR labels, so `state-label` is check-run only.
    const labelFindings = fromCheck.filter((f: any) => f.rule === "state-label");
    expect(labelFindings.length).toBeGreaterThan(0);
    expect(fromCli).toEqual(fromCheck.filter((f: any) => f.rule !== "state-label"));
    expect(result.code).toBe(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure" });
  }, 90_000);
});
