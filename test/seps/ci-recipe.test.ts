import { describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCheckSeps } from "../../src/cli/check-seps.js";
import { SEP_NOW } from "../support/sep-stand-in.js";
import { sepText } from "../support/seps-text.js";
import { CHARTERS_DIR, SEPS_DIR } from "../support/shared-fixtures.js";
import { fixTypo } from "../support/typo-fix.js";

/** The `run:` line of the CI recipe in docs/seps.md, the one users copy. */
function documentedRecipe(): string {
  const docs = readFileSync(new URL("../../docs/seps.md", import.meta.url), "utf8");
  const lines = docs.split("\n").filter((l) => /^\s*- run: node \.convener\/lib\/cli\/main\.js check-seps /.test(l));
  expect(lines).toHaveLength(1);
  return lines[0]!.replace(/^\s*- run: node \.convener\/lib\/cli\/main\.js check-seps /, "");
}

/** The recipe's arguments with GitHub's expressions filled in for this pull request. */
function recipeArgs(pr: number, baseRef: string): string[] {
  const filled = documentedRecipe()
    .replace(/\$\{\{\s*github\.event\.pull_request\.number\s*\}\}/g, String(pr))
    .replace(/\$\{\{\s*github\.base_ref\s*\}\}/g, baseRef);
  expect(filled).not.toContain("${{");
  return filled.split(/\s+/).filter(Boolean);
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com", GIT_CONFIG_NOSYSTEM: "1", HOME: tmpdir() };
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env: GIT_ENV, stdio: ["ignore", "pipe", "pipe"] }).toString();

/**
 * A checkout as `actions/checkout` with `fetch-depth: 0` leaves it: the community repository (the
 * 41 merged SEPs, the charters) with `origin/main` as the base, and the PR's branch checked out.
 */
function checkout(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "seps-ci-"));
  git(dir, "init", "-q", "-b", "pr");
  mkdirSync(join(dir, "seps"));
  for (const name of readdirSync(SEPS_DIR)) cpSync(join(SEPS_DIR, name), join(dir, "seps", name));
  cpSync(CHARTERS_DIR, join(dir, "docs", "community"), { recursive: true });
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "main");
  git(dir, "update-ref", "refs/remotes/origin/main", "HEAD");
  change(dir);
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "the pull request");
  return dir;
}

async function cli(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await runCheckSeps(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, now: SEP_NOW });
  return { code, stdout, stderr };
}

describe("the documented CI recipe checks only the pull request's SEP files", () => {
  test("the recipe names the PR and the base branch", () => {
    expect(documentedRecipe()).toMatch(/--pr \$\{\{ github\.event\.pull_request\.number \}\}/);
    expect(documentedRecipe()).toMatch(/--base origin\/\$\{\{ github\.base_ref \}\}/);
  });

  test("a typo fix to one merged SEP: only that SEP is reported, its old problems as notices, exit 0", async () => {
    const name = "1865-mcp-apps-interactive-user-interfaces-for-mcp.md";
    const dir = checkout((d) => writeFileSync(join(d, "seps", name), fixTypo(readFileSync(join(d, "seps", name), "utf8")).text));
    const result = await cli(recipeArgs(3001, "main"), dir);
    expect(result.stderr).toBe("1 SEP file(s) checked: 0 error(s), 0 warning(s), 1 notice(s)\n");
    expect(result.stdout.split("\n").filter(Boolean).map((l) => l.split(":").slice(0, 4).join(":"))).toEqual([`seps/${name}:10: notice: sponsor-required`]);
    expect(result.code).toBe(0);
  }, 30_000);

  test("a new draft SEP next to the 41 merged ones: only the draft is checked, held to the PR's number", async () => {
    const dir = checkout((d) => writeFileSync(join(d, "seps", "3001-a-useful-change.md"), sepText({ number: 3000, fields: { PR: "#3001", Sponsor: "None" } })));
    const result = await cli(recipeArgs(3001, "main"), dir);
    expect(result.stderr).toBe("1 SEP file(s) checked: 2 error(s), 0 warning(s)\n");
    expect(result.stdout).toMatch(/^seps\/3001-a-useful-change\.md:1: error: title: The title says SEP-3000 but the SEP number is 3001/);
    expect(result.stdout).toContain("seps/3001-a-useful-change.md:7: error: sponsor-required:");
    expect(result.code).toBe(1);
  }, 30_000);

  test("a PR touching no SEP passes with nothing checked; --pr alone is refused, not run against every SEP", async () => {
    const dir = checkout((d) => writeFileSync(join(d, "README.md"), "# Edited\n"));
    expect(await cli(recipeArgs(3002, "main"), dir)).toEqual({ code: 0, stdout: "", stderr: "no SEP files changed since origin/main\n" });
    const alone = await cli(["--registry", ".", "--pr", "3002"], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--pr checks a pull request's own files: name them, or add --base <ref>");
    const unknown = await cli([...recipeArgs(3002, "nope")], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--base: no common commit of `origin/nope` and HEAD; in GitHub Actions, check out with `fetch-depth: 0`");
  }, 30_000);
});
