import type { ApplicationFunctionOptions, Probot } from "probot";
import { systemClock, type Clock } from "./core/clock.js";
import { registerFeatures } from "./core/dispatch.js";
import { isDryRunEnv, readIdentityFromEnv, type AppIdentity } from "./core/identity.js";
import { features } from "./features/index.js";
import { routesOf } from "./http/routes.js";

export interface ConvenerOptions extends Partial<ApplicationFunctionOptions> {
  /** Where handlers and sweeps read "now": the system clock unless a test fixes it. */
  clock?: Clock;
  /** Who the app is, when the environment does not say (the Actions entry: the token's bot). */
  identity?: AppIdentity;
}

/** The Probot app: registers the feature list and their HTTP routes; all behaviour lives in features. */
export default function convener(app: Probot, options: ConvenerOptions = {}): void {
  const clock = options.clock ?? systemClock;
  const identity = options.identity ?? readIdentityFromEnv();
  if (!identity.login && identity.appId !== undefined) void learnBotLogin(app, identity);
  registerFeatures(app, features, { identity, dryRun: isDryRunEnv(), clock });
  if (options.addHandler) for (const route of routesOf(features)) options.addHandler(route(app, clock));
  app.log.info({ features: features.map((f) => f.name) }, "Convener loaded");
}

/** Without `APP_SLUG`, ask GitHub once who the app is, so its own comments and events are recognised by login too. */
async function learnBotLogin(app: Probot, identity: AppIdentity): Promise<void> {
  try {
    const octokit = await app.auth();
    const { data } = await octokit.request("GET /app");
    if (data?.slug) identity.login = `${data.slug}[bot]`;
  } catch (error) {
    app.log.warn({ err: error }, "could not read the app's slug; set APP_SLUG so Convener recognises its bot account");
  }
}
