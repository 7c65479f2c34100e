import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../features/config-schema.js";
import { TEMPLATES_DIR } from "../core/templates.js";

/** The default configuration as JSON, written by `npm run schema` and checked current by a test. */
export const DEFAULTS_FILE = join(TEMPLATES_DIR, "default-config.json");

export function readDefaultConfig(): Config {
  return JSON.parse(readFileSync(DEFAULTS_FILE, "utf8")) as Config;
}

export function renderDefaultConfig(defaults: Config): string {
  return JSON.stringify(defaults, null, 2) + "\n";
}
