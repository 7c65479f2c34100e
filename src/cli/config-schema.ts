import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultConfig, toJsonSchema } from "../features/config-schema.js";
import { DEFAULTS_FILE, renderDefaultConfig } from "./default-config.js";
import { TEMPLATES_DIR } from "../core/templates.js";
import type { CliCommand } from "./commands.js";

/** The generated JSON Schema of `.github/convener.yml`, for editors (`# yaml-language-server: $schema=…`). */
export const SCHEMA_FILE = join(TEMPLATES_DIR, "convener.schema.json");

const USAGE = `usage: convener config-schema [--write | --check] [--out <file>]

Prints the JSON Schema of .github/convener.yml, generated from the zod schema. --write saves it to
templates/convener.schema.json (or --out), and the defaults to templates/default-config.json (read by
check-seps); --check exits 1 when either file is not current.`;

export function renderJsonSchema(): string {
  return JSON.stringify(toJsonSchema(), null, 2) + "\n";
}

export interface ConfigSchemaIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export function runConfigSchema(args: string[], io: ConfigSchemaIO): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { write: { type: "boolean" }, check: { type: "boolean" }, out: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE + "\n");
    return 0;
  }
  if (values.write && values.check) {
    io.stderr(`--write and --check exclude each other\n${USAGE}\n`);
    return 2;
  }
  const file = values.out ?? SCHEMA_FILE;
  const text = renderJsonSchema();
  const outputs: [string, string][] = [[file, text], ...(values.out ? [] : [[DEFAULTS_FILE, renderDefaultConfig(defaultConfig)] as [string, string]])];
  if (values.write) {
    for (const [path, content] of outputs) {
      writeFileSync(path, content);
      io.stdout(`wrote ${path}\n`);
    }
    return 0;
  }
  if (values.check) {
    const stale = outputs.filter(([path, content]) => readOrEmpty(path) !== content).map(([path]) => path);
    for (const path of stale) io.stderr(`${path} is not current: run \`npm run schema\`\n`);
    return stale.length > 0 ? 1 : 0;
  }
  io.stdout(text);
  return 0;
}

/** A missing file is simply not current. */
function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** `convener config-schema` on the process's streams. */
export const runCommand: CliCommand["run"] = async (args) =>
  runConfigSchema(args, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
