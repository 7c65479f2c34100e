import { defineFeature } from "../../core/feature.js";
import { decideIntake } from "./decide.js";
import { gatherIntake, type IntakeInput } from "./gather.js";
import { intakeSweep } from "./sweep-job.js";

/** Group intake: validates Interest Group and Working Group creation requests opened from the issue forms; the sweep repairs drift. */
export const intake = defineFeature<IntakeInput>({
  name: "intake",
  on: ["issues.opened", "issues.edited", "issues.reopened", "issues.labeled"],
  // A request carries the request label (its name is configurable, so any label will do here).
  accepts: (_event, payload) => Boolean(payload?.issue && !payload.issue.pull_request && (payload.issue.labels?.length ?? 0) > 0),
  gather: gatherIntake,
  decide: decideIntake,
  sweep: intakeSweep,
});
