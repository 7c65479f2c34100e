import { warnCapped } from "../../core/paging.js";
import type { SweepJob } from "../../core/sweep.js";
import { decideIntake } from "./decide.js";
import { hasDrifted } from "./drift.js";
import { gatherIntake, INTAKE_MARKER, type IntakeInput } from "./gather.js";
import { INTAKE_SWEEP_QUERY, type IntakeSweepResult } from "./sweep-query.js";

/** Requests re-checked in full per run: each costs the webhook path's reads (up to three queries: the sweep lists no bodies). */
export const MAX_RECHECKS_PER_RUN = 20;

/**
 * Repairs what a failed write left half-done (a verdict without its label, a label without its
 * verdict, an edit never answered): one query lists the open requests, and only those whose
 * verdict and labels disagree are re-checked exactly as an `issues.edited` delivery would be.
 */
export const intakeSweep: SweepJob<IntakeInput[]> = {
  name: "intake",
  async gather(ctx) {
    const { intake } = ctx.config;
    if (!intake.enabled) return null;
    const data = await ctx.github.graphql<IntakeSweepResult>(INTAKE_SWEEP_QUERY, {
      owner: ctx.repo.owner, repo: ctx.repo.repo, requestLabel: intake.labels.request,
    });
    if (data.repository?.issues.pageInfo?.hasNextPage) warnCapped(ctx.log, "the open group requests (intake sweep)", 100, {});
    const drifted = (data.repository?.issues.nodes ?? []).filter((r) => hasDrifted(r, INTAKE_MARKER, intake.labels));
    if (drifted.length > MAX_RECHECKS_PER_RUN) ctx.log.warn({ drifted: drifted.length }, "more requests to repair than one sweep re-checks; the next sweep continues");
    const inputs: IntakeInput[] = [];
    for (const request of drifted.slice(0, MAX_RECHECKS_PER_RUN)) {
      const payload = { issue: { number: request.number, body: "", labels: request.labels.nodes }, repository: { name: ctx.repo.repo, owner: { login: ctx.repo.owner } } };
      const input = await gatherIntake({ ...ctx, event: "issues.edited", payload, deliveryId: "sweep" });
      if (input) inputs.push(input);
    }
    return inputs.length > 0 ? inputs : null;
  },
  decide(inputs, config) {
    return inputs.flatMap((input) => decideIntake(input, config));
  },
};
