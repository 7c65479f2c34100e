import nock from "nock";
import type { RetirementWorld } from "./retirement-world.js";

/** Routes api.github.com (GraphQL and the REST routes the sweep uses) to a RetirementWorld. */
export function nockRetirementWorld(world: RetirementWorld): void {
  const api = nock("https://api.github.com").persist();
  api.post("/graphql").reply(async (_uri, body) => {
    const { query, variables } = body as { query: string; variables?: Record<string, unknown> };
    return [200, await world.graphql(query, variables ?? {})];
  });
  const rest = (method: string) => (uri: string, body: unknown) => {
    const url = new URL(uri, "https://api.github.com");
    const answer = world.rest(method, url.pathname, body, url.searchParams);
    return [answer.status, answer.data] as [number, any];
  };
  // The repository's routes, except the config file (tests serve it with nockConfig).
  const path = (uri: string) => uri.startsWith(`/repos/${world.owner}/${world.repo}/`) && !uri.includes("/contents/.github");
  api.get(path).reply(rest("GET"));
  api.post(path).reply(rest("POST"));
  api.put(path).reply(rest("PUT"));
  api.patch(path).reply(rest("PATCH"));
  api.delete(path).reply(rest("DELETE"));
}
