import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { forgetAllLabelIds } from "../../src/core/label-ids.js";
import { forgetAllWriteIds } from "../../src/core/write-ids.js";
import { generateKeyPairSync } from "node:crypto";
import { ProbotOctokit } from "probot";
import { runSweepCli } from "../../src/cli/sweep.js";
import { StandIn } from "../../sandbox/src/stand-in.js";
import {
  DECISIONS_CONFIG, FULL_NAME, OWNER, listAppComments, listRepoWrites, seedDecisionsRepo, seedStaleVote, standInClock,
} from "../support/decisions-stand-in.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })) as typeof ProbotOctokit;

let standIn: StandIn;

/** The requests here are bare (no form body): the intake's sweep would ask for changes; it has its own tests. */
const CONFIG = `${DECISIONS_CONFIG}intake:\n  enabled: false\n`;

/** The CLI as an operator runs it: the app's id and key, GitHub (here the stand-in) by GHE_HOST. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const env = { APP_ID: String(standIn.state.app.id), PRIVATE_KEY: privateKey, APP_SLUG: "convener", GHE_HOST: standIn.host, GHE_PROTOCOL: "http" };
  const code = await runSweepCli(args, { env, write: (t) => void (out += t), Octokit, clock: standInClock(() => standIn) });
  return { code, out };
}

const tokenRequests = () => standIn.requests.filter((r) => r.method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(r.path));

async function startStandIn(): Promise<void> {
  // The app's public key: the stand-in checks the JWT's signature as GitHub does.
  standIn = await StandIn.start({ webhookSecret: "unused", publicKey });
  // The sweep's node-id directories outlive a stand-in; each new one numbers its objects afresh.
  forgetAllLabelIds();
  forgetAllWriteIds();
}

describe("convener sweep (real app authentication: JWT, then an installation token)", () => {
  beforeEach(async () => {
    await startStandIn();
    seedDecisionsRepo(standIn, CONFIG);
  });

  afterEach(async () => {
    await standIn?.close();
  });

  test("without --confirm it prints the plan and writes nothing", async () => {
    const number = seedStaleVote(standIn);
    const { code, out } = await cli([]);
    expect(code).toBe(0);
    expect(listRepoWrites(standIn, 0)).toEqual([]);
    expect(tokenRequests()).toHaveLength(1);
    expect(out).toContain(`${FULL_NAME}#${number}: post comment`);
    expect(out).toContain("add labels vote/passed, group/approved");
    expect(out).toContain("dry run, nothing written; add --confirm to apply");
  });

  test("with --confirm it writes the result once; a second run has nothing to do", async () => {
    const number = seedStaleVote(standIn);
    const first = await cli(["--confirm"]);
    expect(first.code).toBe(0);
    expect(listAppComments(standIn, number, '"outcome":"passed"')).toHaveLength(1);
    expect(first.out).toMatch(/sweep: \d+ planned, \d+ applied, 0 left/);
    const second = await cli(["--confirm"]);
    expect(second.out).toContain("sweep: 0 planned, 0 applied, 0 left");
    expect(listAppComments(standIn, number, "decisions:result:")).toHaveLength(1);
  });

  test("the write cap leaves work for the next run, which finishes it", async () => {
    const numbers = [seedStaleVote(standIn), seedStaleVote(standIn)];
    const capped = await cli(["--confirm", "--max-writes", "2"]);
    expect(capped.out).toMatch(/2 applied, [1-9]\d* left for the next run/);
    expect(listRepoWrites(standIn, 0).filter((r) => r.method !== "DELETE").length).toBeLessThanOrEqual(2);
    await cli(["--confirm"]);
    for (const n of numbers) expect(listAppComments(standIn, n, "decisions:result:")).toHaveLength(1);
    expect((await cli(["--confirm"])).out).toContain("0 planned");
  });

  test("--repo limits the sweep; bad arguments and a missing key are refused", async () => {
    seedStaleVote(standIn);
    const other = await cli(["--repo", "someone/else", "--confirm"]);
    expect(other.out).toContain("0 planned");
    expect(listRepoWrites(standIn, 0)).toEqual([]);
    expect((await cli(["--repo", "not a repo"])).code).toBe(2);
    expect((await cli(["--max-writes", "lots"])).code).toBe(2);
    let out = "";
    expect(await runSweepCli([], { env: {}, write: (t) => void (out += t) })).toBe(2);
    expect(out).toContain("needs APP_ID and PRIVATE_KEY");
  });
});

describe("convener sweep: one failing repository does not stop the others", () => {
  beforeEach(async () => {
    await startStandIn();
    // Listed first (the stand-in lists repositories in the order they were made); its config read fails.
    standIn.control.repo(`${OWNER}/Broken`, { ".github/convener.yml": "roles: {}\n" });
    seedDecisionsRepo(standIn, CONFIG);
    standIn.faults.add({ method: "GET", path: `/repos/${OWNER}/Broken/contents/`, times: Infinity, status: 500, body: { message: "Server Error" } });
    // A second installation, suspended: it is listed, and its token is refused as GitHub refuses it.
    standIn.control.suspendedInstallation(2, "suspended");
  });

  afterEach(async () => {
    await standIn?.close();
  });

  test("the failures are reported, the healthy repository is still swept", async () => {
    const number = seedStaleVote(standIn);
    const { code, out } = await cli(["--confirm"]);
    expect(listAppComments(standIn, number, '"outcome":"passed"')).toHaveLength(1);
    expect(out).toContain(`${OWNER}/Broken`);
    expect(out).toMatch(/error: .*Server Error/);
    expect(out).toMatch(/installation 2 .*suspended/);
    expect(code).toBe(1);
  });
});
