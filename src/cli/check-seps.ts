import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep as pathSep } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../features/config-schema.js";
import { systemClock } from "../core/clock.js";
import type { CliCommand } from "./commands.js";
import { checkSepFile, type FileFindings } from "../features/seps/check-sep-file.js";
import { resolveOfflineRole } from "../features/seps/offline-roles.js";
import { readDefaultConfig } from "./default-config.js";
import { parseSep } from "../features/seps/parse-sep.js";
import { sponsorHandles } from "../features/seps/rules/lifecycle.js";
import { isSepPath } from "../features/seps/sep-files.js";
import { readBaseVersion, type BaseVersion } from "./git-base.js";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  now: Date;
}

const USAGE = `usage: convener check-seps [files…] [--base <ref>] [--registry <dir>] [--config <file>] [--pr <number>] [--format text|json]

Checks SEP files with the same rules as the "SEP metadata" check run. Without files, checks
every <seps.path>*.md under the current folder; with --base, only the SEP files changed since
<ref> (git), each judged against its version there as the check run does. --pr needs files or
--base. Exit code 1 when any error is found.`;

/**
 * A configuration file is validated by the schema (zod); without one the defaults are read from
 * `templates/default-config.json` (kept current by `npm run schema`): the schema's modules cost
 * more to load than checking a SEP does.
 */
async function loadConfigFile(path: string): Promise<Config> {
  const { readConfigText } = await import("../features/config-schema.js");
  const result = readConfigText(readFileSync(path, "utf8"), path);
  if (!result.ok) throw new Error(`${path}: ${result.problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
  return result.config;
}

function listDefaultFiles(cwd: string, config: Config): string[] {
  const folder = join(cwd, config.seps.path);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => config.seps.path + name)
    .filter((p) => isSepPath(p, config.seps))
    .sort();
}

/** Runs the checker; returns the exit code (0 clean or warnings only, 1 errors, 2 usage). */
export async function runCheckSeps(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        registry: { type: "string" },
        config: { type: "string" },
        pr: { type: "string" },
        base: { type: "string" },
        format: { type: "string", default: "text" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return io.stdout(USAGE + "\n"), 0;
  if (values.format !== "text" && values.format !== "json") return io.stderr(`--format must be text or json\n`), 2;
  if (values.pr !== undefined && !/^\d+$/.test(values.pr)) return io.stderr(`--pr must be a pull request number\n`), 2;

  const defaultConfigPath = join(io.cwd, ".github", "convener.yml");
  const configPath = values.config ?? (existsSync(defaultConfigPath) ? defaultConfigPath : undefined);
  let config: Config;
  try {
    config = configPath ? await loadConfigFile(configPath) : readDefaultConfig();
  } catch (error) {
    io.stderr(`convener check-seps: invalid configuration: ${(error as Error).message}\n`);
    return 2;
  }
  let registry = null;
  if (values.registry) {
    try {
      const { readLocalRegistry } = await import("../features/seps/local-sources.js");
      registry = readLocalRegistry(resolve(io.cwd, values.registry), config);
    } catch (error) {
      io.stderr(`convener check-seps: --registry: ${(error as Error).message}\n`);
      return 2;
    }
  }
  // A PR number with every SEP of the folder holds each merged SEP to this PR's number: never meant.
  if (values.pr !== undefined && positionals.length === 0 && values.base === undefined) {
    io.stderr(`--pr checks a pull request's own files: name them, or add --base <ref> to check the SEP files changed since the base branch\n${USAGE}\n`);
    return 2;
  }
  let base: BaseVersion | null = null;
  if (values.base !== undefined) {
    try {
      base = readBaseVersion(values.base, io.cwd);
    } catch (error) {
      io.stderr(`convener check-seps: --base: ${(error as Error).message}\n`);
      return 2;
    }
  }
  let files: string[];
  if (positionals.length > 0) files = positionals;
  else if (base) {
    files = base.changedFiles().filter((p) => isSepPath(p, config.seps));
    if (files.length === 0) return io.stderr(`no SEP files changed since ${values.base}\n`), 0;
  } else files = listDefaultFiles(io.cwd, config);
  if (files.length === 0) return io.stderr(`no SEP files given and none found in ${config.seps.path}\n${USAGE}\n`), 2;

  const results: FileFindings[] = [];
  for (const file of files) {
    const full = resolve(io.cwd, file);
    const shown = relative(io.cwd, full).split(pathSep).join("/") || file;
    let text: string;
    try {
      text = readFileSync(full, "utf8");
    } catch (error) {
      io.stderr(`${shown}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
    const sponsorRoles: Record<string, boolean> = {};
    for (const handle of sponsorHandles(parseSep(text))) {
      const holds = resolveOfflineRole(handle, config);
      if (holds !== undefined) sponsorRoles[handle.toLowerCase()] = holds;
    }
    const facts = {
      path: shown, sponsorRoles, registry,
      ...(values.pr ? { prNumber: Number(values.pr) } : {}),
      ...(base ? { baseText: base.textOf(shown) } : {}),
    };
    results.push({ path: shown, findings: checkSepFile(text, facts, config.seps, io.now) });
  }

  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.level === "error").length;
  const notices = all.filter((f) => f.level === "notice").length;
  const warnings = all.length - errors - notices;
  if (values.format === "json") {
    io.stdout(JSON.stringify({ errors, warnings, ...(notices > 0 ? { notices } : {}), files: results }, null, 2) + "\n");
  } else {
    for (const { path, findings } of results) {
      for (const f of findings) io.stdout(`${path}:${f.line}: ${f.level}: ${f.rule}: ${f.message}\n`);
    }
    io.stderr(`${results.length} SEP file(s) checked: ${errors} error(s), ${warnings} warning(s)${notices > 0 ? `, ${notices} notice(s)` : ""}\n`);
  }
  return errors > 0 ? 1 : 0;
}

/** `convener check-seps` on the process's streams, folder and clock. */
export const runCommand: CliCommand["run"] = async (args) =>
  runCheckSeps(args, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    now: systemClock(),
  });
