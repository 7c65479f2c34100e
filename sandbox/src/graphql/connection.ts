/** Relay connections as GitHub serves them: first/last/after/before, cursors, pageInfo, totalCount. */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorOf = (i: number) => Buffer.from(`cursor:v2:${i}`).toString("base64");
const indexOf = (cursor: string | null | undefined) => {
  if (!cursor) return null;
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString());
  return m ? Number(m[1]) : null;
};

export class ArgumentError extends Error {}

export function connection<T>(items: T[], args: PageArgs) {
  if (args.first == null && args.last == null) {
    throw new ArgumentError("You must provide a `first` or `last` value to properly paginate the connection.");
  }
  for (const [name, n] of [["first", args.first], ["last", args.last]] as const) {
    if (n != null && (n < 0 || n > 100)) {
      throw new ArgumentError(`Requesting ${n} records on the connection exceeds the \`${name}\` limit of 100 records.`);
    }
  }
  let start = 0;
  let end = items.length;
  const after = indexOf(args.after);
  const before = indexOf(args.before);
  if (after !== null) start = after + 1;
  if (before !== null) end = Math.min(end, before);
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = items.slice(start, end);
  const edges = slice.map((node, i) => ({ node, cursor: cursorOf(start + i) }));
  return {
    __typename: "Connection",
    nodes: slice,
    edges,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export function emptyConnection() {
  return { nodes: [], edges: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
}
