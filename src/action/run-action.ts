import { readFile } from "node:fs/promises";
import { Probot } from "probot";
import convener from "../index.js";
import { countWorkAfterAnswer } from "../core/deferred-answer.js";
import { isDryRunEnv } from "../core/identity.js";
import type { OctokitLike } from "../core/github.js";
import { ConvenerOctokit } from "../core/octokit.js";
import { features } from "../features/index.js";
import { formatReport, sweepOneRepository } from "../sweep/run-sweep.js";
import { DEFAULT_MAX_WRITES } from "../sweep/sweep-once.js";
import { readActionEnv, SWEEP_EVENTS, webhookNameOf, type ActionEnv } from "./action-env.js";

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  /** The step's log (stdout): GitHub shows `::error::` lines as annotations on the run. */
  write: (text: string) => void;
}

/**
 * One workflow run: `schedule` and `workflow_dispatch` sweep this repository; any other event's
 * payload goes to the same dispatcher the server uses (`probot.receive`), on a Probot that
 * authenticates with the step's token. Nothing is kept between runs: every cache starts empty.
 * Resolves with the step's exit code.
 */
export async function runAction(io: ActionIo): Promise<number> {
  const read = readActionEnv(io.env);
  if (!read.ok) {
    for (const p of read.problems) io.write(`::error::${p}\n`);
    return 2;
  }
  const a = read.value;
  const probot = new Probot({ githubToken: a.token, baseUrl: a.apiUrl, Octokit: ConvenerOctokit, logLevel: a.logLevel as "info" });
  if ((SWEEP_EVENTS as readonly string[]).includes(a.eventName)) return sweepRepository(probot, a, io);
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(await readFile(a.eventPath, "utf8"));
  } catch (error) {
    io.write(`::error::could not read the event payload at GITHUB_EVENT_PATH: ${(error as Error).message}\n`);
    return 2;
  }
  // Without an installation id Probot hands every handler the token's own Octokit: a workflow
  // token is not an installation of this app, and the payload's id (an app token's) needs no exchange.
  delete payload.installation;
  convener(probot, { identity: a.identity });
  try {
    await probot.receive({ id: a.runId, name: webhookNameOf(a.eventName), payload } as Parameters<Probot["receive"]>[0]);
    await waitForWorkAfterAnswer();
  } catch (error) {
    io.write(`::error::Convener failed on ${a.eventName}: ${(error as Error).message}\n`);
    return 1;
  }
  return 0;
}

async function sweepRepository(probot: Probot, a: ActionEnv, io: ActionIo): Promise<number> {
  const octokit = (await probot.auth()) as unknown as OctokitLike;
  const report = await sweepOneRepository(octokit, a.repo, {
    features, identity: a.identity, log: probot.log, confirm: !isDryRunEnv(io.env), maxWrites: DEFAULT_MAX_WRITES, now: new Date(),
  });
  io.write(report.repositories.length ? formatReport(report) : `${a.repo.owner}/${a.repo.repo}: no Convener configuration (repository or organisation), nothing to sweep\n`);
  const errors = report.repositories.flatMap((r) => r.errors);
  for (const e of errors) io.write(`::error::sweep: ${e}\n`);
  return errors.length > 0 ? 1 : 0;
}

/** A delivery answered early goes on working (the write queue): the step ends when that work has. */
async function waitForWorkAfterAnswer(): Promise<void> {
  while (countWorkAfterAnswer() > 0) await new Promise((r) => setTimeout(r, 50));
}
