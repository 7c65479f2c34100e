import type { ApplicationFunctionOptions, Probot } from "probot";
import { registerFeatures } from "./core/dispatch.js";
import { readIdentityFromEnv } from "./core/identity.js";
import { features } from "./features/index.js";
import { routes } from "./http/routes.js";

/** The Probot app: registers the feature list and the HTTP routes; all behaviour lives in features. */
export default function convener(app: Probot, options: Partial<ApplicationFunctionOptions> = {}): void {
  registerFeatures(app, features, {
    identity: readIdentityFromEnv(),
    dryRun: process.env.DRY_RUN === "true",
  });
  if (options.addHandler) for (const route of routes) options.addHandler(route(app));
  app.log.info({ features: features.map((f) => f.name) }, "Convener loaded");
}
