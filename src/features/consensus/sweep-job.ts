import type { SweepJob } from "../../core/sweep.js";
import { decideConsensus } from "./decide.js";
import type { ConsensusInput } from "./facts.js";
import { readConsensusInput } from "./gather.js";
import { CONSENSUS_SWEEP_QUERY, type ConsensusSweepResult } from "./query.js";

/**
 * No webhook fires at a deadline: the sweep revisits every open item with an open proposal (the
 * pending label), one query to find them (the 100 updated last of each kind), one per item to read it.
 */
export const consensusSweep: SweepJob<ConsensusInput[]> = {
  name: "consensus",
  async gather(ctx) {
    const c = ctx.config.consensus;
    if (!c.enabled) return null;
    const data = await ctx.github.graphql<ConsensusSweepResult>(CONSENSUS_SWEEP_QUERY, { owner: ctx.repo.owner, repo: ctx.repo.repo, labels: [c.labels.pending] });
    const repo = data.repository;
    if (!repo) return null;
    if (repo.issues.pageInfo.hasNextPage || repo.pullRequests.pageInfo.hasNextPage) ctx.log.warn({}, "more than 100 open proposals of a kind: the rest wait for a later sweep or their next comment");
    const numbers = [...repo.issues.nodes, ...repo.pullRequests.nodes].map((n) => n.number);
    const inputs: ConsensusInput[] = [];
    for (const number of numbers) {
      const input = await readConsensusInput({ github: ctx.github, log: ctx.log, repo: ctx.repo, config: ctx.config, number, trigger: null });
      if (input) inputs.push(input);
    }
    return inputs.length ? inputs : null;
  },
  decide(inputs, config, now) {
    return inputs.flatMap((input) => decideConsensus(input, config, now));
  },
};
