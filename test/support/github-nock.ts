import nock from "nock";

export const API = "https://api.github.com";

/** Serves `.github/convener.yml` (raw YAML) for a repository, or 404 for it and the org `.github` repo. */
export function nockConfig(owner: string, repo: string, yaml: string | null, times = 1): void {
  const scope = nock(API).get(`/repos/${owner}/${repo}/contents/${encodeURIComponent(".github/convener.yml")}`).times(times);
  if (yaml !== null) {
    scope.reply(200, yaml);
    return;
  }
  scope.reply(404, { message: "Not Found" });
  nock(API).get(`/repos/${owner}/.github/contents/${encodeURIComponent(".github/convener.yml")}`).times(times).reply(404, { message: "Not Found" });
}

export type GraphqlResponder = (query: string, variables: Record<string, any>) => { data?: unknown; errors?: unknown[] } | undefined;

/**
 * Answers POST /graphql by operation: each responder sees the query and variables and returns the
 * response or undefined to pass. An unanswered query fails loudly so a test never guesses.
 */
export function nockGraphql(responders: GraphqlResponder[]): nock.Scope {
  return nock(API)
    .persist()
    .post("/graphql")
    .reply((_uri, body) => {
      const { query, variables } = body as { query: string; variables: Record<string, any> };
      for (const respond of responders) {
        const response = respond(query, variables ?? {});
        if (response) return [200, response];
      }
      return [500, { message: `test has no GraphQL responder for: ${query.slice(0, 80)}` }];
    });
}
