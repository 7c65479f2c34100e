import { defineFeature } from "../../core/feature.js";
import type { SweepJob } from "../../core/sweep.js";
import { decideRetirementCommand } from "./decide-command.js";
import { decideRetirementSweep, type RetirementSweepInput } from "./decide-sweep.js";
import { gatherRetirementCommand, type RetirementCommandInput } from "./gather-command.js";
import { gatherRetirementSweep } from "./gather-sweep.js";
import { retirementCommands } from "./commands.js";

/** The retirement sweep: flags stale Working Groups for a human decision, clears the flag when work resumes. */
export const retirementSweep: SweepJob<RetirementSweepInput> = {
  name: "retirement",
  gather: gatherRetirementSweep,
  decide: decideRetirementSweep,
  maxWrites: (config) => config.retirement.maxWritesPerRun,
};

/** `/keep-active` and `/retire` on a review issue; the timed part runs in the sweep. */
export const retirement = defineFeature<RetirementCommandInput>({
  name: "retirement",
  on: ["issue_comment.created"],
  // Commands only, on issues only: a plain comment costs nothing.
  accepts: (_event, payload) => typeof payload?.comment?.body === "string" && payload.comment.body.includes("/") && Boolean(payload.issue && !payload.issue.pull_request),
  gather: gatherRetirementCommand,
  decide: decideRetirementCommand,
  sweep: retirementSweep,
  commands: retirementCommands,
});
