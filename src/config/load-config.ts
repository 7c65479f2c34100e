import { parseConfig, type ConfigResult } from "./parse-config.js";

export const CONFIG_FILE = "convener.yml";

interface ConfigReader {
  config<T>(fileName: string, defaults?: T, options?: { arrayMerge?: (target: unknown[], source: unknown[]) => unknown[] }): Promise<T | null>;
}

/**
 * Reads `.github/convener.yml` through Probot (default branch, then the owner's `.github` repo,
 * `_extends` followed). Arrays from an extended file are replaced, not concatenated: a repo that
 * lists its moderators means exactly those. A YAML error is a config problem, not a crash.
 */
export async function loadConfig(context: ConfigReader): Promise<ConfigResult> {
  let raw: unknown;
  try {
    raw = await context.config<Record<string, unknown>>(CONFIG_FILE, undefined, { arrayMerge: (_target, source) => source });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 500) throw error; // GitHub trouble, not a config problem
    const message = (error as Error).message?.split("\n")[0] ?? String(error);
    return { ok: false, problems: [{ key: "(file)", message: `.github/${CONFIG_FILE} could not be read: ${message}` }] };
  }
  return parseConfig(raw);
}
