import { checkFileSize } from "../core/file-size.js";
import { readYaml } from "../core/read-yaml.js";
import type { ConfigResult } from "./parse-config.js";

/**
 * The configuration file's size limit: every key of every section written out is 3.4 KB, and the
 * `yaml` package reads 64 KB in a few hundred milliseconds. The file configures the other limits,
 * so its own is fixed.
 */
export const MAX_CONFIG_BYTES = 16_384;

/**
 * Reads a configuration file's text (the CLI's `--config`, a local checkout): refused past
 * MAX_CONFIG_BYTES, YAML read with nesting and aliases bounded, then validated by `parse`.
 */
export function readConfigFileText<Config>(text: string, path: string, parse: (raw: unknown) => ConfigResult<Config>): ConfigResult<Config> {
  const oversized = checkFileSize(path, text, { kind: "configuration files", bytes: MAX_CONFIG_BYTES });
  if (oversized) return { ok: false, problems: [{ key: "(file)", message: oversized }] };
  const read = readYaml(text.replace(/^\uFEFF/, ""), { maxAliasCount: 100, what: path });
  if (!read.ok) return { ok: false, problems: [{ key: "(file)", message: `line ${read.line}: ${read.message}` }] };
  return parse(read.value);
}
