import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { ProbotOctokit } from "probot";
import { runSweepCli } from "../../src/cli/sweep.js";
import { forgetAllLabelIds } from "../../src/core/label-ids.js";
import { forgetAllWriteIds } from "../../src/core/write-ids.js";
import { StandIn } from "../../sandbox/src/stand-in.js";
import { DECISIONS_CONFIG, FULL_NAME, OWNER, listAppComments, seedStaleVote, standInClock } from "../support/decisions-stand-in.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })) as typeof ProbotOctokit;

/**
 * Webhooks read `.github/convener.yml` from the repository, else from the owner's `.github`
 * repository: the sweep visits the same repositories, so with org-level config alone a vote still
 * closes at its deadline (no later event needed).
 */
describe("the sweep honours org-level configuration", () => {
  let standIn: StandIn;
  beforeEach(async () => {
    standIn = await StandIn.start({ webhookSecret: "unused", publicKey });
    forgetAllLabelIds();
    forgetAllWriteIds();
  });
  afterEach(async () => standIn?.close());

  const cli = async (args: string[]) => {
    let out = "";
    const env = { APP_ID: String(standIn.state.app.id), PRIVATE_KEY: privateKey, APP_SLUG: "convener", GHE_HOST: standIn.host, GHE_PROTOCOL: "http" };
    const code = await runSweepCli(args, { env, write: (t) => void (out += t), Octokit, clock: standInClock(() => standIn) });
    return { code, out };
  };

  test("with only the owner's .github/convener.yml, a due vote is closed", async () => {
    standIn.control.repo(`${OWNER}/.github`, { ".github/convener.yml": `${DECISIONS_CONFIG}intake:\n  enabled: false\n` });
    standIn.control.repo(FULL_NAME, { "README.md": "# Hello\n" });
    const number = seedStaleVote(standIn);
    const { code, out } = await cli(["--confirm"]);
    expect(code).toBe(0);
    expect(out).toContain(`${FULL_NAME}: `);
    expect(listAppComments(standIn, number, '"outcome":"passed"')).toHaveLength(1);
  });

  test("without any configuration the repository is not visited", async () => {
    standIn.control.repo(FULL_NAME, { "README.md": "# Hello\n" });
    const number = seedStaleVote(standIn);
    const { out } = await cli(["--confirm"]);
    expect(out).not.toContain(`${FULL_NAME}: `);
    expect(listAppComments(standIn, number, "decisions:result:")).toHaveLength(0);
  });
});
