import type { CheckSuitesData } from "./check-runs.js";
import type { PagedComment } from "./comment-pages.js";
import type { GitHubReader } from "./github.js";
import { sharePromise } from "./share-promise.js";
import { labelLookupFields, rememberLabelIds, rememberLabelList, rememberLookedUpLabels } from "./label-ids.js";
import type { Connection } from "./paging.js";
import type { RepoRef } from "./plan.js";
import { PULL_FILES_FIRST_PAGE, readPullFiles, type PullFiles, type PullFilesPage } from "./pull-files.js";

/**
 * One read of a pull request for every feature that looks at it (the SEP check, the SEP link, the
 * agenda check): head and base, labels (with ids), the changed files, the app's latest run of each
 * named check on the head, optionally the first page of comments, and the repository's id and
 * default-branch head. Features call `readPullFacts` with the same options (derived from the config)
 * so one delivery reads the PR once.
 */
export interface PullFactsOptions {
  /** Checks whose latest run on the head is read (one alias per name). */
  checkNames: readonly string[];
  /** Labels the features may add: their ids are read with the PR (see label-ids.ts). */
  labelNames: readonly string[];
  /** The first page of comments, for a feature that keeps a sticky comment on the PR. */
  withComments: boolean;
}

/** A comment of the first page, with its node id (later pages are read without it). */
export type PullComment = PagedComment & { id?: string };

export interface PullFacts {
  repository: { id: string | null; defaultHead: string | null };
  pull: {
    id: string;
    number: number;
    state: "OPEN" | "CLOSED" | "MERGED";
    headRefOid: string;
    baseRefOid: string;
    /** As of the delivery's first read: a feature that writes labels must not rely on another feature's label writes. */
    labels: { id: string; name: string }[];
    /** Every listed file: the first page came with the PR; later pages (100 per request) are read on the first call. */
    listFiles: () => Promise<PullFiles>;
    /** Null when comments were not asked for. As of the delivery's first read, like the labels. */
    comments: Connection<PullComment> | null;
    /** Check suites on the head, as `findLatestAppRun` takes them, per check name asked for. */
    suites: (checkName: string) => CheckSuitesData | undefined;
    /** Texts read with the PR on a guess of its files (at this head and base), or null. */
    knownTexts: PullTexts | null;
  } | null;
}

const CHECK_RUN_NODE = "nodes { databaseId name status conclusion title summary externalId }";
const COMMENTS_WITH_IDS = /* GraphQL */ `comments(first: 100) { pageInfo { hasNextPage endCursor } nodes { id databaseId body viewerDidAuthor author { login } } }`;

/**
 * With the SEP link on: the repository's first 100 labels, so the id of the group label the link
 * adds (a group's tag, known only once the SEP text is read) needs no lookup before the write.
 */
const REPOSITORY_LABELS = "repositoryLabels: labels(first: 100) { pageInfo { hasNextPage } nodes { id name } }";

/**
 * Texts asked for with the PR, before its file list is known (see pull-path-hints.ts): kept only
 * when the PR's head and base are still the commits named here.
 */
export interface PullTextGuess {
  headSha: string;
  baseSha: string;
  requests: readonly PullTextRequest[];
}

/** The query for these options; the check names go in as variables `$check0…`, never spliced. */
export function buildPullFactsQuery(options: PullFactsOptions, guessed: readonly PullTextRequest[] = []): string {
  const blobs = blobFieldsOf(guessed, "g");
  const checkVars = options.checkNames.map((_, i) => `, $check${i}: String!`).join("") + blobs.vars.map((v) => ", " + v).join("");
  const runs = options.checkNames
    .map((_, i) => `c${i}: checkRuns(first: 1, filterBy: { checkName: $check${i}, checkType: LATEST }) { ${CHECK_RUN_NODE} }`)
    .join("\n              ");
  const suites = options.checkNames.length === 0 ? "" : `commits(last: 1) { nodes { commit { checkSuites(first: 50) { nodes { app { databaseId }
              ${runs}
            } } } } }`;
  return `query PullFacts($owner: String!, $repo: String!, $number: Int!${checkVars}) {
  repository(owner: $owner, name: $repo) {
    id
    defaultBranchRef { target { oid } }
    ${labelLookupFields(options.labelNames)}
    ${options.withComments ? REPOSITORY_LABELS : ""}
    ${blobs.fields.join("\n    ")}
    pullRequest(number: $number) {
      id
      number
      state
      headRefOid
      baseRefOid
      labels(first: 100) { nodes { id name } }
      ${PULL_FILES_FIRST_PAGE}
      ${options.withComments ? COMMENTS_WITH_IDS : ""}
      ${suites}
    }
  }
}`;
}

interface SuiteNode {
  app?: { databaseId: number } | null;
  [alias: `c${number}`]: { nodes?: unknown[] | null } | null | undefined;
}

export interface PullFactsResult {
  repository: ({
    id: string;
    defaultBranchRef: { target: { oid: string } | null } | null;
    pullRequest: {
      id: string;
      number: number;
      state: "OPEN" | "CLOSED" | "MERGED";
      headRefOid: string;
      baseRefOid: string;
      labels: { nodes: ({ id: string; name: string } | null)[] | null } | null;
      changedFiles: number;
      files: PullFilesPage | null;
      comments?: Connection<PullComment> | null;
      commits?: { nodes: ({ commit: { checkSuites: { nodes: (SuiteNode | null)[] | null } | null } } | null)[] | null } | null;
    } | null;
  } & Record<string, unknown>) | null;
}

/**
 * The pull request's facts, read once per delivery. Kept past the delivery cache's `forget()`: a
 * feature's writes on a PR event are its own check run, sticky comment and labels. No feature reads
 * another's: the SEP check's state labels and the link's group labels are different labels, the
 * link's comment is read by the link alone, and files, head and other checks' runs do not change by
 * them. A redelivery or the `labeled` event the write causes sees the new state.
 */
export function readPullFacts(github: GitHubReader, repo: RepoRef, number: number, options: PullFactsOptions, guess?: PullTextGuess): Promise<PullFacts> {
  const guessed = guess?.requests.slice(0, FILES_PER_QUERY) ?? [];
  const query = buildPullFactsQuery(options, guessed);
  const variables: Record<string, unknown> = { owner: repo.owner, repo: repo.repo, number };
  options.checkNames.forEach((name, i) => (variables[`check${i}`] = name));
  if (guess) Object.assign(variables, blobVariablesOf(guessed, "g", guess.headSha, guess.baseSha));
  return keepForDelivery(github, `${query} ${JSON.stringify(variables)}`, async () => {
    const data = await github.graphql<PullFactsResult>(query, variables);
    const facts = toFacts(github, repo, data, options);
    if (facts.pull && guess && guessed.length > 0 && facts.pull.headRefOid === guess.headSha && facts.pull.baseRefOid === guess.baseSha) {
      facts.pull.knownTexts = textsOf(data?.repository ?? null, guessed, "g");
    }
    return facts;
  });
}

function toFacts(github: GitHubReader, repo: RepoRef, data: PullFactsResult, options: PullFactsOptions): PullFacts {
  const repository = data?.repository ?? null;
  rememberLookedUpLabels(repo, repository);
  const repositoryLabels = repository?.repositoryLabels as { pageInfo?: { hasNextPage?: boolean }; nodes?: ({ id: string; name: string } | null)[] } | undefined;
  if (repositoryLabels?.nodes) rememberLabelList(repo, repositoryLabels.nodes, repositoryLabels.pageInfo?.hasNextPage === false);
  const facts: PullFacts = {
    repository: { id: repository?.id ?? null, defaultHead: repository?.defaultBranchRef?.target?.oid ?? null },
    pull: null,
  };
  const pr = repository?.pullRequest;
  if (!pr) return facts;
  const labels = (pr.labels?.nodes ?? []).flatMap((l) => (l ? [l] : []));
  rememberLabelIds(repo, labels);
  const suiteNodes = pr.commits?.nodes?.[0]?.commit?.checkSuites?.nodes ?? [];
  const suites = (name: string): CheckSuitesData | undefined => {
    const i = options.checkNames.indexOf(name);
    if (i < 0) return undefined;
    return { nodes: suiteNodes.map((s) => (s ? { app: s.app ?? null, checkRuns: (s[`c${i}`] ?? null) as never } : null)) };
  };
  let listed: Promise<PullFiles> | undefined;
  facts.pull = {
    id: pr.id,
    number: pr.number,
    state: pr.state,
    headRefOid: pr.headRefOid,
    baseRefOid: pr.baseRefOid,
    labels,
    listFiles: () => (listed ??= readPullFiles(github, repo, pr.number, pr.files, pr.changedFiles).catch((error: unknown) => {
      listed = undefined; // a failed read is not an answer
      throw error;
    })),
    comments: options.withComments ? (pr.comments ?? null) : null,
    suites,
    knownTexts: null,
  };
  return facts;
}

/** A blob as every feature reads it: the text (null when GitHub withholds it), its size and kind. */
export interface PullBlob {
  text: string | null;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
}

export interface PullTextRequest {
  path: string;
  /** Also read the file at the base commit (to compare with the head). */
  withBase: boolean;
}

export interface PullTexts {
  head: Map<string, PullBlob | null>;
  base: Map<string, PullBlob | null>;
}

/** Files per text query: 100 blobs (head and base) keep one answer well inside GitHub's time limit. */
const FILES_PER_QUERY = 50;

/**
 * One query for `count` files: aliases `h{i}` (head) and, where asked, `b{i}` (base), with the
 * expressions `<sha>:<path>` passed as variables so no user text is spliced into the query.
 */
export function buildPullTextsQuery(requests: readonly PullTextRequest[]): string {
  const { vars, fields } = blobFieldsOf(requests, "");
  return `query PullFileTexts($owner: String!, $repo: String!${vars.map((v) => ", " + v).join("")}) {
  repository(owner: $owner, name: $repo) {
    ${fields.join("\n    ")}
  }
}`;
}

/** The blob fields `<prefix>h{i}` (head) and `<prefix>b{i}` (base, where asked) and their variables. */
function blobFieldsOf(requests: readonly PullTextRequest[], prefix: string): { vars: string[]; fields: string[] } {
  const vars: string[] = [];
  const fields: string[] = [];
  const blob = "{ ... on Blob { text byteSize isBinary isTruncated } }";
  requests.forEach((r, i) => {
    vars.push(`$${prefix}h${i}: String!`);
    fields.push(`${prefix}h${i}: object(expression: $${prefix}h${i}) ${blob}`);
    if (r.withBase) {
      vars.push(`$${prefix}b${i}: String!`);
      fields.push(`${prefix}b${i}: object(expression: $${prefix}b${i}) ${blob}`);
    }
  });
  return { vars, fields };
}

/** The expressions `<sha>:<path>` for `blobFieldsOf`'s variables. */
function blobVariablesOf(requests: readonly PullTextRequest[], prefix: string, headSha: string, baseSha: string): Record<string, string> {
  const variables: Record<string, string> = {};
  requests.forEach((r, i) => {
    variables[`${prefix}h${i}`] = `${headSha}:${r.path}`;
    if (r.withBase) variables[`${prefix}b${i}`] = `${baseSha}:${r.path}`;
  });
  return variables;
}

/** The answers to `blobFieldsOf`'s fields, by path. */
function textsOf(repository: Record<string, unknown> | null, requests: readonly PullTextRequest[], prefix: string): PullTexts {
  const texts: PullTexts = { head: new Map(), base: new Map() };
  requests.forEach((r, i) => {
    texts.head.set(r.path, toBlob(repository?.[`${prefix}h${i}`] as PullBlob | null | undefined));
    if (r.withBase) texts.base.set(r.path, toBlob(repository?.[`${prefix}b${i}`] as PullBlob | null | undefined));
  });
  return texts;
}

/**
 * The texts of the PR's files the features look at, at the head (and base where asked), 50 files
 * per query, the queries sent together. A blob at a commit never changes, so the answer is kept for
 * the whole delivery; features pass the same requests so the delivery reads them once.
 */
export async function readPullTexts(
  github: GitHubReader, repo: RepoRef, headSha: string, baseSha: string, requests: readonly PullTextRequest[],
): Promise<PullTexts> {
  const texts: PullTexts = { head: new Map(), base: new Map() };
  const chunks: PullTextRequest[][] = [];
  for (let start = 0; start < requests.length; start += FILES_PER_QUERY) chunks.push(requests.slice(start, start + FILES_PER_QUERY));
  const answers = await Promise.all(chunks.map((chunk) => {
    const query = buildPullTextsQuery(chunk);
    const variables: Record<string, unknown> = { owner: repo.owner, repo: repo.repo, ...blobVariablesOf(chunk, "", headSha, baseSha) };
    return keepForDelivery(github, `${query} ${JSON.stringify(variables)}`, () =>
      github.graphql<{ repository: Record<string, PullBlob | Record<string, never> | null> | null }>(query, variables));
  }));
  chunks.forEach((chunk, c) => {
    const answered = textsOf(answers[c]?.repository ?? null, chunk, "");
    for (const [path, blob] of answered.head) texts.head.set(path, blob);
    for (const [path, blob] of answered.base) texts.base.set(path, blob);
  });
  return texts;
}

/** Null when the path is not a file at that commit (absent, or a folder). */
function toBlob(node: PullBlob | Record<string, never> | null | undefined): PullBlob | null {
  return node && "byteSize" in node ? (node as PullBlob) : null;
}

const kept = new WeakMap<GitHubReader, Map<string, Promise<unknown>>>();

/** A read shared by every feature of one delivery (the delivery's reader is the key), even after `forget()`. */
function keepForDelivery<T>(github: GitHubReader, key: string, read: () => Promise<T>): Promise<T> {
  let memo = kept.get(github);
  if (!memo) kept.set(github, (memo = new Map()));
  return sharePromise(memo, key, read);
}
