import { defineFeature } from "../../core/feature.js";
import { decideConfigCheck } from "./decide.js";
import { gatherConfigCheck, type ConfigCheckInput } from "./gather.js";

/**
 * Config as a check: a pull request that changes `.github/convener.yml` (a repository's, or the
 * organisation's in its `.github` repository) gets a `Convener config` check run with every problem
 * at its line and column, before the change can break anything.
 */
export const configCheck = defineFeature<ConfigCheckInput>({
  name: "config-check",
  on: ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
  gather: gatherConfigCheck,
  decide: decideConfigCheck,
});
