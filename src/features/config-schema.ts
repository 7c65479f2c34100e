import { z } from "zod";
import { readConfigFile, type ConfigReader } from "../config/load-config.js";
import { validateConfig, type ConfigResult } from "../config/parse-config.js";
import { readConfigFileText } from "../config/read-config-text.js";
import { rolesSection } from "../config/roles-section.js";
import { registrySection } from "../registry/config.js";
import { sweepSection } from "../sweep/config.js";
import { intakeSection } from "./intake/config.js";
import { sepsSection } from "./seps/config.js";
import { sepLinkSection } from "./sep-link/config.js";
import { decisionsSection } from "./decisions/config.js";
import { meetingsSection } from "./meetings/config.js";
import { retirementSection } from "./retirement/config.js";
import { consensusSection } from "./consensus/config.js";

/**
 * `.github/convener.yml`: one section per feature, each owned by its feature folder, composed here
 * above the features (`src/config/` only reads and validates files, whatever their schema). Every
 * key has a default (the MCP rules), so an empty file, or none, is a valid configuration. Unknown
 * keys are errors: a misspelt key silently ignored is a rule silently not enforced.
 */
export const configSchema = z
  .strictObject({
    dryRun: z.boolean().default(false).describe("Log the plan of every event and write nothing."),
    roles: rolesSection.prefault({}),
    intake: intakeSection.prefault({}),
    registry: registrySection.prefault({}),
    seps: sepsSection.prefault({}),
    sepLink: sepLinkSection.prefault({}),
    decisions: decisionsSection.prefault({}),
    meetings: meetingsSection.prefault({}),
    retirement: retirementSection.prefault({}),
    consensus: consensusSection.prefault({}),
    sweep: sweepSection.prefault({}),
  })
  .describe("Convener configuration (.github/convener.yml)");

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export const defaultConfig: Config = configSchema.parse({});

/** Validates raw YAML data against the whole schema; never throws. */
export function parseConfig(raw: unknown): ConfigResult<Config> {
  return validateConfig(configSchema, raw);
}

/** Reads `.github/convener.yml` through Probot (see `readConfigFile`) and validates it. */
export function loadConfig(context: ConfigReader): Promise<ConfigResult<Config>> {
  return readConfigFile(context, parseConfig);
}

/** A configuration file's text (size, YAML and schema checked); see `readConfigFileText`. */
export function readConfigText(text: string, path: string): ConfigResult<Config> {
  return readConfigFileText(text, path, parseConfig);
}

export function toJsonSchema(): object {
  const schema = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }) as { properties?: Record<string, unknown> };
  dropMovedKeys(schema);
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

/** A moved key (`z.never()`) exists only to name its new place in the error: editors must not offer it. */
function dropMovedKeys(node: unknown): void {
  const properties = (node as { properties?: Record<string, { not?: unknown }> } | null)?.properties;
  if (!properties) return;
  for (const [key, child] of Object.entries(properties)) {
    if (child.not !== undefined && Object.keys(child.not as object).length === 0) delete properties[key];
    else dropMovedKeys(child);
  }
}
