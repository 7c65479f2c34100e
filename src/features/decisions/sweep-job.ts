import type { SweepJob } from "../../core/sweep.js";
import { decideDecisions } from "./decide.js";
import type { DecisionInput } from "./facts.js";
import { readDecisionInput } from "./gather.js";
import { SWEEP_QUERY, type SweepQueryResult } from "./query.js";

/**
 * GitHub sends no webhook for a reaction or a deadline, so the sweep revisits every open request with
 * a running vote or a veto label: one query to find them, one per request to read its state.
 */
export const decisionsSweep: SweepJob<DecisionInput[]> = {
  name: "decisions",
  async gather(ctx) {
    const d = ctx.config.decisions;
    if (!d.enabled) return null;
    const labels = [d.labels.voteOpen, d.labels.veto];
    const found = await ctx.github.graphql<SweepQueryResult>(SWEEP_QUERY, { owner: ctx.repo.owner, repo: ctx.repo.repo, labels });
    const inputs: DecisionInput[] = [];
    for (const { number } of found.repository?.issues.nodes ?? []) {
      const input = await readDecisionInput({ ...ctx, number, trigger: null });
      if (input) inputs.push(input);
    }
    return inputs.length ? inputs : null;
  },
  decide(inputs, config, now) {
    return inputs.flatMap((input) => decideDecisions(input, config, now));
  },
};
