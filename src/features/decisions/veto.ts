import { canVeto, rolesOf, type DecisionInput } from "./facts.js";

/**
 * The veto as a timeline: every `veto` label change and every `/veto` / `/unveto` command, in time
 * order. Only core and lead maintainers move it; anyone else's change is noted (and undone by the
 * decision) but never changes whether the request is vetoed.
 */
export interface VetoStep {
  kind: "veto" | "lift";
  by: string;
  at: string;
  /** `/veto <reason>`; null for a label. */
  reason: string | null;
  via: "label" | "command";
  /** Stable id of the step, used in marker keys: `c<comment id>` or `l<epoch ms>`. */
  key: string;
  authorised: boolean;
}

export interface VetoPeriod {
  veto: VetoStep;
  lift: VetoStep | null;
}

export function readVetoSteps(input: DecisionInput): VetoStep[] {
  const steps: VetoStep[] = [];
  for (const e of input.vetoLabelEvents) {
    steps.push({
      kind: e.action === "labeled" ? "veto" : "lift",
      by: e.actor,
      at: e.at,
      reason: null,
      via: "label",
      key: `l${Date.parse(e.at)}`,
      authorised: canVeto(rolesOf(input, e.actor)),
    });
  }
  for (const c of input.comments) {
    for (const command of c.commands) {
      if (command.name !== "veto" && command.name !== "unveto") continue;
      steps.push({
        kind: command.name === "veto" ? "veto" : "lift",
        by: c.author,
        at: c.createdAt,
        // Inline code or HTML in the reason arrives blanked out (NUL) by the command parser.
        reason: command.name === "veto" ? command.rest.replace(/\u0000/g, "").replace(/\s+/g, " ").trim().slice(0, 500) || null : null,
        via: "command",
        key: `c${c.id}`,
        authorised: canVeto(rolesOf(input, c.author)),
      });
    }
  }
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Each time the request went from not vetoed to vetoed, and what lifted it (if anything did). */
export function readVetoPeriods(steps: readonly VetoStep[], until?: string): VetoPeriod[] {
  const periods: VetoPeriod[] = [];
  for (const step of steps) {
    if (!step.authorised) continue;
    if (until !== undefined && Date.parse(step.at) >= Date.parse(until)) break;
    const current = periods.at(-1);
    const active = current !== undefined && current.lift === null;
    if (step.kind === "veto" && !active) periods.push({ veto: step, lift: null });
    if (step.kind === "lift" && active) current.lift = step;
  }
  return periods;
}

export function activeVeto(periods: readonly VetoPeriod[]): VetoStep | null {
  const last = periods.at(-1);
  return last && last.lift === null ? last.veto : null;
}

/** The latest change of the label by a person, to tell whose change the app is undoing. */
export function lastLabelStep(steps: readonly VetoStep[]): VetoStep | null {
  return [...steps].reverse().find((s) => s.via === "label") ?? null;
}
