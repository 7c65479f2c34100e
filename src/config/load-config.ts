import { ConfigFileError, fileKeyOf, readConfigFiles } from "./config-files.js";
import type { ConfigResult } from "./parse-config.js";

export const CONFIG_FILE = "convener.yml";

type ArrayMerge = (target: unknown[], source: unknown[]) => unknown[];

export interface ConfigReader {
  config<T>(fileName: string, defaults?: T, options?: { arrayMerge?: ArrayMerge }): Promise<T | null>;
  /** Probot's Context has these: used to see each file before merging (see `readFiles`). */
  repo?: () => { owner: string; repo: string };
  octokit?: unknown;
}


/**
 * Reads `.github/convener.yml` as Probot does (default branch, then the owner's `.github` repo,
 * `_extends` followed). Arrays from an extended file are replaced, not concatenated: a repo that
 * lists its moderators means exactly those. A YAML error is a config problem, not a crash.
 */
export async function readConfigFile<Config>(context: ConfigReader, parse: (raw: unknown) => ConfigResult<Config>): Promise<ConfigResult<Config>> {
  return (await readConfigSources(context, parse)).result;
}

/** A configuration as read, with what a cache needs to know about it. */
export interface ReadConfig<Config> {
  result: ConfigResult<Config>;
  /** Every file asked for (`owner/repo:path`, see `fileKeyOf`), found or not: a push to any of them changes the result. */
  files: string[];
  /**
   * True when the result holds until one of `files` changes: a valid configuration, or a problem in
   * the files' content. False when GitHub refused the read (403, 422…) or the reader could not say
   * which files it read: that result is not kept.
   */
  lasting: boolean;
}

/** `readConfigFile`, also saying which files were read and whether the result may be cached. */
export async function readConfigSources<Config>(context: ConfigReader, parse: (raw: unknown) => ConfigResult<Config>): Promise<ReadConfig<Config>> {
  const files: string[] = [];
  let raw: unknown;
  try {
    raw = await readFiles(context, files);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 500) throw error; // GitHub trouble, not a config problem
    const ours = error instanceof ConfigFileError;
    const message = ours ? error.message : `.github/${CONFIG_FILE} could not be read: ${describeReadError(error)}`;
    return { result: { ok: false, problems: [{ key: "(file)", message }] }, files, lasting: ours && files.length > 0 };
  }
  const lasting = files.length > 0;
  if (raw instanceof NotMapping) {
    return { result: { ok: false, problems: [{ key: "(file)", message: `${raw.url} must be a YAML mapping of sections (\`roles:\`, \`intake:\`…)` }] }, files, lasting };
  }
  return { result: parse(raw), files, lasting };
}

class NotMapping {
  constructor(readonly url: string) {}
}

/**
 * Probot's `context.config` deep-merges the files, and a file holding a bare number or `true`
 * silently merges into `{}` (all defaults). Reading the files here (config-files.ts, the plugin's
 * order with bounded parsing) shows each one, so such a file is reported; the merge then replaces
 * arrays like `context.config` with our `arrayMerge`. A plain reader without an Octokit
 * (tests, the CLI) is used through `context.config` as is.
 */
async function readFiles(context: ConfigReader, read: string[]): Promise<unknown> {
  const octokit = context.octokit as { request?: unknown } | undefined;
  if (typeof octokit?.request !== "function" || !context.repo) {
    return context.config<Record<string, unknown>>(CONFIG_FILE, undefined, { arrayMerge: (_target, source) => source });
  }
  const { owner, repo } = context.repo();
  const files = await readConfigFiles(octokit as Parameters<typeof readConfigFiles>[0], owner, repo, `.github/${CONFIG_FILE}`, (ref) => read.push(fileKeyOf(ref)));
  const found = files.filter((f) => f.config !== null && f.config !== undefined);
  if (found.length === 0) return null;
  const wrong = found.find((f) => !isMapping(f.config));
  if (wrong) return new NotMapping(wrong.url);
  // files: the repository's first, then what it extends; later files are the base.
  return found.map((f) => f.config).reduceRight<unknown>((base, next) => mergeReplacingArrays(base, next), {});
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergeReplacingArrays(base: unknown, next: unknown): unknown {
  if (!isMapping(base) || !isMapping(next)) return next;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(next)) {
    const merged = Object.hasOwn(base, key) ? mergeReplacingArrays(base[key], value) : value;
    // defineProperty: a `__proto__:` key in YAML stays a (reported) key instead of swapping the prototype.
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The plugin's message, plus the YAML parser's reason and line when that is the cause. */
function describeReadError(error: unknown): string {
  const message = ((error as Error).message ?? String(error)).split("\n")[0]!.replace(/^\[@probot\/octokit-plugin-config\] /, "");
  // yaml's first line ends with ":" before a code frame we do not show.
  const cause = (error as { cause?: { message?: string } }).cause?.message?.split("\n")[0]?.replace(/:\s*$/, "");
  return cause ? `${message}: ${cause}` : message;
}
