/**
 * GitHub answers a query naming a missing user or issue with `data` (the field null) plus a
 * NOT_FOUND error, and Octokit throws on any error. Those answers are facts ("no such user"), not
 * failures: keep the data when every error is a NOT_FOUND on one of the given top-level fields.
 */
export async function queryAllowingNotFound<T>(run: () => Promise<T>, fields: (path: readonly (string | number)[]) => boolean): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const e = error as { data?: T; errors?: { type?: string; path?: (string | number)[] }[] };
    const onlyNotFound = e.data && e.errors?.length && e.errors.every((x) => x.type === "NOT_FOUND" && x.path && fields(x.path));
    if (onlyNotFound) return e.data as T;
    throw error;
  }
}
