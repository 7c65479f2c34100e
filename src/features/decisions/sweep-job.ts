import { readForward, warnCapped } from "../../core/paging.js";
import type { SweepJob } from "../../core/sweep.js";
import { decideDecisions } from "./decide.js";
import type { DecisionInput } from "./facts.js";
import { readDecisionInput } from "./gather.js";
import { SWEEP_QUERY, type SweepQueryResult } from "./query.js";

/**
 * GitHub sends no webhook for a reaction or a deadline, so the sweep revisits every open request with
 * a running vote or a veto label: one query to find them, one per request to read its state.
 */
/**
 * Requests one sweep revisits (one query each): the ones updated last first. More running votes at
 * once than this is no community's normal; the rest are still decided on their next event.
 */
export const MAX_SWEPT_REQUESTS = 300;

export const decisionsSweep: SweepJob<DecisionInput[]> = {
  name: "decisions",
  async gather(ctx) {
    const d = ctx.config.decisions;
    if (!d.enabled) return null;
    const labels = [d.labels.voteOpen, d.labels.veto];
    const variables = { owner: ctx.repo.owner, repo: ctx.repo.repo, labels };
    const readPage = async (after: string) => (await ctx.github.graphql<SweepQueryResult>(SWEEP_QUERY, { ...variables, after })).repository?.issues;
    const first = (await ctx.github.graphql<SweepQueryResult>(SWEEP_QUERY, variables)).repository?.issues;
    const found = await readForward(first, readPage, MAX_SWEPT_REQUESTS);
    if (!found.complete) warnCapped(ctx.log, "the requests with a running vote or a veto label", MAX_SWEPT_REQUESTS, {});
    const inputs: DecisionInput[] = [];
    for (const { number } of found.nodes) {
      const input = await readDecisionInput({ ...ctx, number, trigger: null });
      if (input) inputs.push(input);
    }
    return inputs.length ? inputs : null;
  },
  decide(inputs, config, now) {
    return inputs.flatMap((input) => decideDecisions(input, config, now));
  },
};
