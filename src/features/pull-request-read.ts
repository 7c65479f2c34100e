import type { GitHubReader } from "../core/github.js";
import type { RepoRef } from "../core/plan.js";
import { readPullFacts, readPullTexts, type PullFacts, type PullFactsOptions, type PullTextGuess, type PullTexts, type PullTextRequest } from "../core/pull-facts.js";
import { guessPullPaths, notePullPaths } from "../core/pull-path-hints.js";
import type { PullFile } from "../core/pull-files.js";
import { rememberHeadCommit } from "../registry/load-registry.js";
import type { Config } from "./config-schema.js";
import { parseAgendaPath } from "./meetings/agenda-path.js";
import { isSepPath } from "./seps/sep-files.js";

/**
 * The pull request as the SEP check, the SEP link and the agenda check read it: every one of them
 * asks with options derived from the whole config (not only its own part), so the queries and
 * variables are identical and one delivery reads the PR once, and the files' texts once.
 */
export function pullFactsOptions(config: Config): PullFactsOptions {
  return {
    checkNames: [...new Set([config.seps.checkName, config.meetings.checkName])],
    labelNames: config.seps.syncLabels ? [...new Set(Object.values(config.seps.stateLabels))] : [],
    withComments: config.sepLink.enabled,
  };
}

export interface PullContext {
  github: GitHubReader;
  repo: RepoRef;
  config: Config;
  /** The webhook payload, when an event (not the sweep) reads the PR: its head and base name the guessed texts' commits. */
  payload?: any;
}

/**
 * The PR's facts (one request for a PR of up to 100 files), with the texts of the SEP and agenda
 * files it probably changes (see pull-path-hints.ts); the default branch's head is handed to the
 * registry cache.
 */
export async function readPullRequest(ctx: PullContext, number: number): Promise<PullFacts> {
  const facts = await readPullFacts(ctx.github, ctx.repo, number, pullFactsOptions(ctx.config), guessOf(ctx, number) ?? undefined);
  if (facts.repository.defaultHead) rememberHeadCommit(ctx.repo, facts.repository.defaultHead);
  return facts;
}

/** True when the PR read will also ask for SEP files' texts (so a SEP's sponsors are worth asking about beside it). */
export function guessesSepFiles(ctx: PullContext, number: number): boolean {
  return guessOf(ctx, number)?.requests.some((r) => r.withBase) ?? false;
}

const guesses = new WeakMap<GitHubReader, Map<number, PullTextGuess | null>>();

/**
 * The texts worth asking for with the PR, fixed once per delivery (the delivery's reader is the key)
 * so that every feature sends the identical query and the delivery reads the PR once.
 */
function guessOf(ctx: PullContext, number: number): PullTextGuess | null {
  let memo = guesses.get(ctx.github);
  if (!memo) guesses.set(ctx.github, (memo = new Map()));
  if (!memo.has(number)) memo.set(number, makeGuess(ctx, number));
  return memo.get(number)!;
}

function makeGuess(ctx: PullContext, number: number): PullTextGuess | null {
  const pr = ctx.payload?.pull_request;
  const headSha = pr?.head?.sha;
  const baseSha = pr?.base?.sha;
  if (pr?.number !== number || typeof headSha !== "string" || typeof baseSha !== "string") return null;
  const head = typeof pr.head.ref === "string" && typeof pr.head.repo?.full_name === "string" ? { repo: pr.head.repo.full_name, branch: pr.head.ref } : undefined;
  const paths = guessPullPaths(ctx.repo, number, head);
  const requests = textRequests(paths.map((path) => ({ path, changeType: "MODIFIED" })), ctx.config);
  return requests.length > 0 ? { headSha, baseSha, requests } : null;
}

/** The changed SEP files the SEP check and link look at (deleted ones are not read), up to `seps.maxFilesPerPullRequest` checked. */
export function sepPathsOf(files: readonly PullFile[], config: Config): string[] {
  return files.filter((f) => f.changeType !== "DELETED" && isSepPath(f.path, config.seps)).map((f) => f.path);
}

/** Changed agenda files (and misplaced ones) of a PR, for the `Meeting agenda` check. */
export function agendaPathsOf(files: readonly PullFile[], config: Config): { agendas: { path: string; tag: string; date: string }[]; misplaced: { path: string; message: string }[] } {
  const agendas: { path: string; tag: string; date: string }[] = [];
  const misplaced: { path: string; message: string }[] = [];
  for (const file of files) {
    if (file.changeType === "DELETED") continue;
    const found = parseAgendaPath(file.path, config.meetings.folder);
    if (found.kind === "agenda") agendas.push(found);
    if (found.kind === "misplaced") misplaced.push({ path: found.path, message: found.message });
  }
  return { agendas, misplaced };
}

/**
 * Which texts the features want, the same for all of them: SEP files (head and base, for the check
 * and the link) and agenda files (head, for the agenda check), each only when its feature is on.
 */
function textRequests(files: readonly PullFile[], config: Config): PullTextRequest[] {
  const wanted = new Map<string, boolean>();
  if (config.seps.enabled || config.sepLink.enabled) {
    for (const path of sepPathsOf(files, config).slice(0, config.seps.maxFilesPerPullRequest)) wanted.set(path, true);
  }
  if (config.meetings.enabled && config.meetings.checkPullRequests) {
    for (const { path } of agendaPathsOf(files, config).agendas) if (!wanted.has(path)) wanted.set(path, false);
  }
  return [...wanted].map(([path, withBase]) => ({ path, withBase }));
}

/**
 * The texts of the PR's SEP and agenda files at its head (SEP files also at its base): those read
 * with the PR on a guess, the rest in one request for up to 50 files. The paths are remembered as
 * the guess for the PR's next event.
 */
export async function readPullRequestTexts(ctx: PullContext, pull: NonNullable<PullFacts["pull"]>): Promise<PullTexts> {
  const listed = await pull.listFiles();
  const requests = textRequests(listed.files, ctx.config);
  notePullPaths(ctx.repo, pull.number, requests.map((r) => r.path));
  const texts: PullTexts = { head: new Map(), base: new Map() };
  if (requests.length === 0) return texts;
  const known = pull.knownTexts;
  const isKnown = (r: PullTextRequest) => Boolean(known?.head.has(r.path) && (!r.withBase || known.base.has(r.path)));
  const missing = requests.filter((r) => !isKnown(r));
  const read = missing.length > 0 ? await readPullTexts(ctx.github, ctx.repo, pull.headRefOid, pull.baseRefOid, missing) : null;
  for (const r of requests) {
    const from = isKnown(r) ? known! : read!;
    texts.head.set(r.path, from.head.get(r.path) ?? null);
    if (r.withBase) texts.base.set(r.path, from.base.get(r.path) ?? null);
  }
  return texts;
}
