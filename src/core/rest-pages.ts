import type { GitHubReader } from "./github.js";
import { PAGE_SIZE, type PagedList } from "./paging.js";

/**
 * A REST list read page by page (`per_page=100`), up to `cap` items: a page shorter than 100 is the
 * last. Unlike `paginate`, the read stops at the cap, so a list of any length costs at most
 * cap / 100 requests, and says whether it read the whole list.
 */
export async function readRestList<T>(github: GitHubReader, route: string, params: Record<string, unknown>, cap: number): Promise<PagedList<T>> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const batch = await github.get<T[]>(route, { ...params, per_page: PAGE_SIZE, page });
    items.push(...(Array.isArray(batch) ? batch : []));
    if (!Array.isArray(batch) || batch.length < PAGE_SIZE) return { nodes: items.slice(0, cap), complete: items.length <= cap };
    if (items.length >= cap) return { nodes: items.slice(0, cap), complete: false };
  }
}
