import { defineFeature } from "../../core/feature.js";
import { decideSeps } from "./decide.js";
import { gatherSeps, type SepsInput } from "./gather.js";
import { sepsSweep } from "./sweep-job.js";

/** The `SEP metadata` check run on pull requests that add or change `seps/*.md`; the sweep fills in a missing run. */
export const seps = defineFeature<SepsInput>({
  name: "seps",
  on: [
    "pull_request.opened",
    "pull_request.synchronize",
    "pull_request.reopened",
    "pull_request.edited",
    "pull_request.labeled",
    "pull_request.unlabeled",
    "check_run.rerequested",
    "check_suite.rerequested",
  ],
  gather: gatherSeps,
  decide: decideSeps,
  sweep: sepsSweep,
});
