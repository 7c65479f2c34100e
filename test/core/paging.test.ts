import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { COMMENTS_PAGE_QUERY } from "../../src/core/comment-pages.js";
import { readBackward, readForward, type Connection } from "../../src/core/paging.js";

/** A list of `n` numbers served 100 at a time, as GitHub serves a connection; counts the pages asked for. */
function serve(n: number) {
  const items = Array.from({ length: n }, (_, i) => i);
  const asked: string[] = [];
  const forward = (start: number): Connection<number> => ({
    nodes: items.slice(start, start + 100),
    pageInfo: { hasNextPage: start + 100 < n, endCursor: String(Math.min(n, start + 100) - 1) },
  });
  const backward = (end: number): Connection<number> => ({
    nodes: items.slice(Math.max(0, end - 100), end),
    pageInfo: { hasPreviousPage: end - 100 > 0, startCursor: String(Math.max(0, end - 100)) },
  });
  return {
    asked,
    first: forward(0),
    last: backward(n),
    after: async (cursor: string) => (asked.push(cursor), forward(Number(cursor) + 1)),
    before: async (cursor: string) => (asked.push(cursor), backward(Number(cursor))),
  };
}

describe("paging a GitHub list with a cap", () => {
  test("a list of one page costs no further request", async () => {
    const list = serve(100);
    expect(await readForward(list.first, list.after, 3000)).toEqual({ nodes: list.first.nodes, complete: true });
    expect(await readBackward(list.last, list.before, 3000)).toEqual({ nodes: list.last.nodes, complete: true });
    expect(list.asked).toEqual([]);
  });

  test("a longer list is read whole, in order, one request per further page", async () => {
    const list = serve(250);
    const forward = await readForward(list.first, list.after, 3000);
    expect(forward).toEqual({ nodes: Array.from({ length: 250 }, (_, i) => i), complete: true });
    expect(list.asked).toHaveLength(2);
    const backward = await readBackward(list.last, list.before, 3000);
    expect(backward).toEqual({ nodes: Array.from({ length: 250 }, (_, i) => i), complete: true });
    expect(list.asked).toHaveLength(4);
  });

  test("the cap stops the reading and says the list is incomplete: the first items forward, the newest backward", async () => {
    const list = serve(1000);
    const forward = await readForward(list.first, list.after, 300);
    expect(forward.complete).toBe(false);
    expect(forward.nodes).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(list.asked).toHaveLength(2);
    const backward = await readBackward(list.last, list.before, 300);
    expect(backward.complete).toBe(false);
    expect(backward.nodes).toEqual(Array.from({ length: 300 }, (_, i) => 700 + i));
    expect(list.asked).toHaveLength(4);
  });

  test("a list exactly as long as the cap is complete", async () => {
    const list = serve(300);
    expect((await readForward(list.first, list.after, 300)).complete).toBe(true);
    expect((await readBackward(list.last, list.before, 300)).complete).toBe(true);
  });

  test("the shared comments page query is valid on GitHub's schema (and the check can fail)", () => {
    expect(validate(COMMENTS_PAGE_QUERY)).toEqual([]);
    expect(validate(COMMENTS_PAGE_QUERY.replace("endCursor", "lastCursor"))).not.toEqual([]);
  });
});
