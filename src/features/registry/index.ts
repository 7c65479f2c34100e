import { isDefaultBranchPush } from "../../core/events.js";
import { defineFeature } from "../../core/feature.js";
import { rememberHeadCommit } from "./registry-cache.js";

/**
 * Not a writer: a push to the default branch tells the registry cache the new head commit for free,
 * so the next event reads the new charters without waiting for the head-check interval.
 */
export const registryHead = defineFeature<never>({
  name: "registry",
  on: ["push"],
  accepts: (_event, payload) => isDefaultBranchPush(payload),
  async gather(ctx) {
    rememberHeadCommit(ctx.repo, ctx.payload.after);
    return null;
  },
  decide: () => [],
});
