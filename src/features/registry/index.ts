import { defineFeature } from "../../core/feature.js";
import { rememberHeadCommit } from "./registry-cache.js";

const NO_COMMIT = /^0+$/;

/**
 * Not a writer: a push to the default branch tells the registry cache the new head commit for free,
 * so the next event reads the new charters without waiting for the head-check interval.
 */
export const registryHead = defineFeature<never>({
  name: "registry",
  on: ["push"],
  async gather(ctx) {
    const { ref, after, repository } = ctx.payload ?? {};
    if (typeof after === "string" && !NO_COMMIT.test(after) && ref === `refs/heads/${repository?.default_branch}`) {
      rememberHeadCommit(ctx.repo, after);
    }
    return null;
  },
  decide: () => [],
});
