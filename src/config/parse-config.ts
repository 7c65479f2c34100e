import { z } from "zod";

export type ConfigResult<Config> = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

export interface ConfigProblem {
  /** Dotted key, e.g. `intake.labels.ready`, or `(file)` for the whole file. */
  key: string;
  message: string;
}

/**
 * Validates raw YAML data against the composed schema (`features/config-schema.ts`); never throws. `null`
 * (no file anywhere) means all defaults.
 */
export function validateConfig<S extends z.ZodType>(configSchema: S, raw: unknown): ConfigResult<z.output<S>> {
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    return { ok: false, problems: [{ key: "(file)", message: "must be a YAML mapping of sections (`roles:`, `intake:`…)" }] };
  }
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map(describeIssue) };
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return { key: keys.join(", "), message: `unknown key${keys.length > 1 ? "s" : ""}; check the spelling against the configuration reference` };
  }
  return { key: path || "(file)", message: issue.message };
}
