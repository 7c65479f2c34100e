/**
 * The second line of defence for dry runs and for `gather`: an Octokit hook that refuses every
 * request that could change GitHub. GraphQL is a POST, so it is let through only when the document
 * is a query, never a mutation.
 */
export class WriteRefusedError extends Error {
  constructor(method: string, url: string) {
    super(`Convener refused ${method} ${url}: writes are disabled (dry run or read-only gather)`);
    this.name = "WriteRefusedError";
  }
}

interface HookableOctokit {
  hook: { before(name: "request", fn: (options: RequestLike) => void | Promise<void>): void };
}
interface RequestLike {
  method?: string;
  url?: string;
  query?: unknown;
}

export function isReadRequest(options: RequestLike): boolean {
  const method = (options.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD") return true;
  if (method === "POST" && /\/graphql$/.test(options.url ?? "")) {
    // A document may hold several operations (`query A {…} mutation B {…}`) and comments, so the
    // word `mutation` anywhere refuses it. A query that merely contains the word in a string is
    // refused too: a false refusal is loud and safe, a missed mutation is a write.
    const query = typeof options.query === "string" ? options.query : "";
    return query.trim() !== "" && !/\b(mutation|subscription)\b/.test(query);
  }
  return false;
}

export function guardWrites<T extends HookableOctokit>(octokit: T): T {
  octokit.hook.before("request", (options) => {
    if (!isReadRequest(options)) throw new WriteRefusedError(options.method ?? "?", options.url ?? "?");
  });
  return octokit;
}
