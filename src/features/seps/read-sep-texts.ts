import type { GitHubReader } from "../../core/github.js";
import type { RepoRef } from "../../core/plan.js";
import { buildSepTextsQuery, type BlobData } from "./query.js";

/** Files per text query: 100 blobs (head and base) keep one answer well inside GitHub's time limit. */
const FILES_PER_QUERY = 50;

export interface SepTexts {
  path: string;
  /** Head text; null when GitHub gave none (binary, too large). */
  text: string | null;
  /** Base-branch text; null when the file is new there. */
  baseText: string | null;
}

/**
 * The head and base text of every path, 50 files per query. The `SEP metadata` check and the SEP
 * link both read through here, with the same queries and variables, so one delivery's read cache
 * answers the second feature without a request.
 */
export async function readSepTexts(github: GitHubReader, repo: RepoRef, headSha: string, baseSha: string, paths: readonly string[]): Promise<SepTexts[]> {
  const texts: SepTexts[] = [];
  for (let start = 0; start < paths.length; start += FILES_PER_QUERY) {
    const chunk = paths.slice(start, start + FILES_PER_QUERY);
    const variables: Record<string, unknown> = { owner: repo.owner, repo: repo.repo };
    chunk.forEach((path, i) => {
      variables[`h${i}`] = `${headSha}:${path}`;
      variables[`b${i}`] = `${baseSha}:${path}`;
    });
    const data = await github.graphql<{ repository: Record<string, BlobData | null> | null }>(buildSepTextsQuery(chunk.length), variables);
    const blob = (key: string): string | null => {
      const b = data?.repository?.[key] ?? null;
      return b && !b.isBinary && !b.isTruncated && typeof b.text === "string" ? b.text : null;
    };
    chunk.forEach((path, i) => texts.push({ path, text: blob(`h${i}`), baseText: blob(`b${i}`) }));
  }
  return texts;
}
