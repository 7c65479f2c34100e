import type { Log } from "./log.js";

/**
 * Paging of GitHub lists. Every GitHub list (a GraphQL connection, a REST list) serves at most 100
 * items per request, so a list that can be longer is read in pages, but only when it really is
 * longer (`pageInfo.hasNextPage` / `hasPreviousPage`): an ordinary event pays nothing more than the
 * first page its feature's query already holds. A cap bounds the worst case, so a request with
 * thousands of comments cannot turn one event into hundreds of requests; a list cut by its cap says
 * so (`complete: false`), and the feature then tells the user or refuses to decide.
 */

/** GitHub's page size: `first`/`last` and REST `per_page` allow at most 100. */
export const PAGE_SIZE = 100;

/**
 * Comments read on one issue or pull request: 30 requests at worst. Past this an issue is a forum,
 * and a feature that needs all of them says it could not read them.
 */
export const MAX_COMMENTS_READ = 3000;

export interface PageInfo {
  hasNextPage?: boolean | null;
  endCursor?: string | null;
  hasPreviousPage?: boolean | null;
  startCursor?: string | null;
}

export interface Connection<T> {
  pageInfo?: PageInfo | null;
  nodes?: (T | null)[] | null;
}

export interface PagedList<T> {
  /** In the list's order, at most `cap` of them. */
  nodes: T[];
  /** False when the cap stopped the reading before the list's end: some items were not read. */
  complete: boolean;
}

type ReadPage<T> = (cursor: string) => Promise<Connection<T> | null | undefined>;

/**
 * The whole list from its first page forward (`after: endCursor`), up to `cap` items. `first` is the
 * page the caller's own query already read; `readPage` reads the page after a cursor.
 */
export async function readForward<T>(first: Connection<T> | null | undefined, readPage: ReadPage<T>, cap: number): Promise<PagedList<T>> {
  const nodes: T[] = [];
  let page = first;
  for (;;) {
    for (const node of page?.nodes ?? []) if (node != null) nodes.push(node);
    const info = page?.pageInfo;
    const more = Boolean(info?.hasNextPage && info.endCursor);
    if (!more) return { nodes: nodes.slice(0, cap), complete: nodes.length <= cap };
    if (nodes.length >= cap) return { nodes: nodes.slice(0, cap), complete: false };
    page = await readPage(info!.endCursor!);
  }
}

/**
 * The whole list from its last page backward (`before: startCursor`), up to the newest `cap` items,
 * returned oldest first. For lists read with `last:` (the newest matter most).
 */
export async function readBackward<T>(last: Connection<T> | null | undefined, readPage: ReadPage<T>, cap: number): Promise<PagedList<T>> {
  const pages: T[][] = [];
  let count = 0;
  let page = last;
  for (;;) {
    const nodes = (page?.nodes ?? []).filter((n): n is T => n != null);
    pages.unshift(nodes);
    count += nodes.length;
    const info = page?.pageInfo;
    const more = Boolean(info?.hasPreviousPage && info.startCursor);
    const all = pages.flat();
    if (!more) return { nodes: all.slice(Math.max(0, all.length - cap)), complete: all.length <= cap };
    if (count >= cap) return { nodes: all.slice(all.length - cap), complete: false };
    page = await readPage(info!.startCursor!);
  }
}

/** The log line for a list cut by its cap, so an operator sees which list and where. */
export function warnCapped(log: Log, list: string, cap: number, where: Record<string, unknown>): void {
  log.warn({ ...where, list, cap }, `only ${cap} items of ${list} were read (its cap); the rest were not`);
}

/**
 * Thrown by a read whose callers cannot use part of a list (a team's members become a vote's
 * electorate): the caller tells the user the list was too long instead of deciding on a part.
 */
export class ListCappedError extends Error {
  constructor(readonly list: string, readonly cap: number) {
    super(`${list}: more than ${cap}, and Convener reads at most ${cap}`);
    this.name = "ListCappedError";
  }
}
