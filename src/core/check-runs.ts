import type { Action, Plan } from "./plan.js";

/**
 * The app's latest run of one check on a commit, as GraphQL reports it: enough to tell whether an
 * evaluation would only repeat it.
 */
export interface LatestCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  externalId: string | null;
}

/** What asked for an evaluation. */
export interface CheckTrigger {
  /** Stored on the new run as `external_id`: the delivery id, so a redelivery recognises its run. */
  externalId?: string;
  /** "Re-run" in GitHub's UI: the person wants a new run even when nothing changed. */
  rerequested: boolean;
}

/**
 * The selection every check query asks for on a commit (the latest run per name, of any app). One
 * page of suites: GitHub makes one per app (and one per Actions workflow) on a commit, and 50 covers
 * any CI; past it the app may not see its own run and makes a new one, which is harmless.
 */
export const LATEST_CHECK_RUN_FIELDS = /* GraphQL */ `checkSuites(first: 50) {
  nodes {
    app { databaseId }
    checkRuns(first: 1, filterBy: { checkName: $checkName, checkType: LATEST }) {
      nodes { databaseId name status conclusion title summary externalId }
    }
  }
}`;

interface CheckRunNode {
  databaseId: number;
  name: string;
  status?: string | null;
  conclusion?: string | null;
  title?: string | null;
  summary?: string | null;
  externalId?: string | null;
}

export interface CheckSuitesData {
  nodes?: ({ app?: { databaseId: number } | null; checkRuns?: { nodes?: (CheckRunNode | null)[] | null } | null } | null)[] | null;
}

/** The app's newest run named `name` (an unknown app id accepts any app, as before). */
export function findLatestAppRun(suites: CheckSuitesData | null | undefined, appId: number | undefined, name: string): LatestCheckRun | null {
  let latest: LatestCheckRun | null = null;
  for (const suite of suites?.nodes ?? []) {
    if (appId !== undefined && suite?.app?.databaseId !== appId) continue;
    for (const run of suite?.checkRuns?.nodes ?? []) {
      if (!run || run.name !== name || (latest && latest.id > run.databaseId)) continue;
      latest = {
        id: run.databaseId, status: run.status ?? "", conclusion: run.conclusion ?? null,
        title: run.title ?? null, summary: run.summary ?? null, externalId: run.externalId ?? null,
      };
    }
  }
  return latest;
}

type CheckRunFields = Omit<Extract<Action, { kind: "check.create" }>, "kind" | "externalId">;

/**
 * One new run per evaluation, except when the app's latest run already is this evaluation: the run
 * this very delivery created (a redelivery), or, unless someone asked for a re-run, a completed run
 * with the same conclusion, title and summary on the same commit (nothing changed).
 */
export function planCheckRun(run: CheckRunFields, latest: LatestCheckRun | null, trigger: CheckTrigger): Plan {
  const create: Plan = [{ kind: "check.create", ...run, ...(trigger.externalId ? { externalId: trigger.externalId } : {}) }];
  if (!latest || latest.status.toUpperCase() !== "COMPLETED") return create;
  if (trigger.externalId && latest.externalId === trigger.externalId) return [];
  if (trigger.rerequested) return create;
  const same = (latest.conclusion ?? "").toLowerCase() === run.conclusion && (latest.title ?? "") === run.title && (latest.summary ?? "").trim() === run.summary.trim();
  return same ? [] : create;
}
