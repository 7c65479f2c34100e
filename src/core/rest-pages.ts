import type { GitHubReader, OctokitLike } from "./github.js";
import { PAGE_SIZE, type PagedList } from "./paging.js";

/**
 * A REST list read page by page (`per_page=100`), up to `cap` items: a page shorter than 100 is the
 * last. Unlike `paginate`, the read stops at the cap, so a list of any length costs at most
 * cap / 100 requests (one more when its length is an exact multiple of 100), and says whether it
 * read the whole list.
 */
export async function readPagesUpTo<T>(readPage: (page: number) => Promise<unknown>, cap: number): Promise<PagedList<T>> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const batch = await readPage(page);
    if (Array.isArray(batch)) items.push(...(batch as T[]));
    if (!Array.isArray(batch) || batch.length < PAGE_SIZE) return { nodes: items.slice(0, cap), complete: items.length <= cap };
    if (items.length >= cap) return { nodes: items.slice(0, cap), complete: false };
  }
}

/** `readPagesUpTo` through a feature's read-only GitHub (`gather`). */
export function readRestList<T>(github: GitHubReader, route: string, params: Record<string, unknown>, cap: number): Promise<PagedList<T>> {
  return readPagesUpTo<T>((page) => github.get(route, { ...params, per_page: PAGE_SIZE, page }), cap);
}

/** `readPagesUpTo` through the writing Octokit (`applyPlan`'s re-checks). */
export function requestRestList<T>(octokit: OctokitLike, route: string, params: Record<string, unknown>, cap: number): Promise<PagedList<T>> {
  return readPagesUpTo<T>(async (page) => (await octokit.request(`GET ${route}`, { ...params, per_page: PAGE_SIZE, page })).data, cap);
}
