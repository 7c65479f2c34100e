import { defineFeature, type Feature } from "../../core/feature.js";
import { PageCache } from "./cache.js";
import { pageRoute } from "./routes.js";
import { createPageSource } from "./source.js";

/**
 * The governance page (`/convener/`): reads, never writes. Every event about a community marks its
 * data stale (the app's own writes included: a vote opened, a label set); a new installation or
 * repository makes the list of communities be read again.
 */
export function createPage(): Feature {
  let cache: PageCache | null = null;
  return defineFeature<never>({
    name: "page",
    on: ["issues", "issue_comment", "pull_request", "push", "label", "installation", "installation_repositories"],
    observe(event, payload) {
      if (!cache) return;
      if (event.startsWith("installation")) return cache.forgetList();
      const name = payload?.repository?.full_name;
      if (typeof name === "string") cache.invalidate(name);
    },
    routes: [
      (app, clock) => {
        cache = new PageCache(createPageSource(app, clock));
        return pageRoute(app, clock, cache);
      },
    ],
  });
}
