import { defineFeature } from "../../core/feature.js";
import { decideIntake } from "./decide.js";
import { gatherIntake, type IntakeInput } from "./gather.js";
import { intakeSweep } from "./sweep-job.js";

/** Group intake: validates Interest Group and Working Group creation requests opened from the issue forms; the sweep repairs drift. */
export const intake = defineFeature<IntakeInput>({
  name: "intake",
  on: ["issues.opened", "issues.edited", "issues.reopened", "issues.labeled"],
  gather: gatherIntake,
  decide: decideIntake,
  sweep: intakeSweep,
});
