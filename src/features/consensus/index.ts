import { defineFeature } from "../../core/feature.js";
import { consensusCommands } from "./commands.js";
import { decideConsensus } from "./decide.js";
import type { ConsensusInput } from "./facts.js";
import { gatherConsensus, mayConcernConsensus } from "./gather.js";
import { consensusSweep } from "./sweep-job.js";

/** WG lazy consensus, blocks and the formal vote, as the MCP governance's "Decision-Making Process" defines them. */
export const consensus = defineFeature<ConsensusInput>({
  name: "consensus",
  on: ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"],
  accepts: mayConcernConsensus,
  gather: gatherConsensus,
  decide: decideConsensus,
  sweep: consensusSweep,
  commands: consensusCommands,
});
