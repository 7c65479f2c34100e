import { defineFeature } from "../../core/feature.js";
import { decideDecisions } from "./decide.js";
import type { DecisionInput } from "./facts.js";
import { gatherDecisions, mayConcernDecisions } from "./gather.js";
import { decisionsSweep } from "./sweep-job.js";
import { decisionCommands } from "./commands.js";

/** Votes, vetoes and sponsorship on group requests, as the MCP governance defines them, tallied at the deadline by the sweep. */
export const decisions = defineFeature<DecisionInput>({
  name: "decisions",
  on: ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted", "issues"],
  accepts: mayConcernDecisions,
  gather: gatherDecisions,
  decide: decideDecisions,
  sweep: decisionsSweep,
  commands: decisionCommands,
});
