import { z } from "zod";
import { rolesSection } from "./roles-section.js";
import { intakeSection } from "../features/intake/config.js";
import { registrySection } from "../registry/config.js";
import { sepsSection } from "../features/seps/config.js";
import { decisionsSection } from "../features/decisions/config.js";
import { meetingsSection } from "../features/meetings/config.js";
import { retirementSection } from "../features/retirement/config.js";
import { sweepSection } from "../sweep/config.js";

/**
 * `.github/convener.yml`: one section per feature, each owned by its feature folder. Every key has
 * a default (the MCP rules), so an empty file, or none, is a valid configuration. Unknown keys are
 * errors: a misspelt key silently ignored is a rule silently not enforced.
 */
export const configSchema = z
  .strictObject({
    dryRun: z.boolean().default(false).describe("Log the plan of every event and write nothing."),
    roles: rolesSection.prefault({}),
    intake: intakeSection.prefault({}),
    registry: registrySection.prefault({}),
    seps: sepsSection.prefault({}),
    decisions: decisionsSection.prefault({}),
    meetings: meetingsSection.prefault({}),
    retirement: retirementSection.prefault({}),
    sweep: sweepSection.prefault({}),
  })
  .describe("Convener configuration (.github/convener.yml)");

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export const defaultConfig: Config = configSchema.parse({});

export function toJsonSchema(): object {
  const schema = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }) as { properties?: Record<string, unknown> };
  // Probot reads `_extends` (and removes it) before the file reaches zod; editors must accept it too.
  schema.properties = {
    _extends: {
      type: "string",
      description: "Inherit from another file: `.github` (the org's .github repo), `repo`, `org/repo` or `repo:path/file.yml`. Arrays in this file replace the inherited ones.",
    },
    ...schema.properties,
  };
  return { title: "Convener configuration (.github/convener.yml)", ...schema };
}
