import { checkFileSize } from "../core/file-size.js";
import { readYaml } from "../core/read-yaml.js";
import { MAX_CONFIG_BYTES } from "./read-config-text.js";

/**
 * The configuration files, read as Probot's config plugin reads them (the repository's file, else
 * the owner's `.github` repository's, then each `_extends` in turn) but parsed here: the plugin
 * hands any file GitHub serves (up to 1 MB) to the YAML parser with no limit, and a 64 KB file of
 * nested `{a: {` takes it most of a second. Each file is refused past MAX_CONFIG_BYTES and read
 * with nesting and aliases bounded, so a hostile configuration costs the same as a real one.
 */
export interface ConfigFile {
  url: string;
  config: unknown;
}

/** A configuration problem (not GitHub trouble): the message says which file and what is wrong. */
export class ConfigFileError extends Error {}

interface RequestFn {
  request(route: string, params: Record<string, unknown>): Promise<{ data: unknown; headers: Record<string, unknown>; url?: string }>;
}

export interface FileRef {
  owner: string;
  repo: string;
  path: string;
}

/** `owner/repo:path`, owner and repository lower-cased as GitHub compares them: what a cached configuration was read from. */
export function fileKeyOf(ref: FileRef): string {
  return `${ref.owner}/${ref.repo}`.toLowerCase() + `:${ref.path}`;
}

/** `_extends` chains longer than this are refused: no real configuration needs more than two. */
export const MAX_EXTENDS = 5;

// Probot's own grammar for `_extends`: `[owner/]repo[:path.yml]`.
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

/**
 * `onRead` hears of every file asked for, found or not (a missing repository file is why the
 * owner's `.github` file counts): a change to any of them changes the configuration.
 */
export async function readConfigFiles(
  octokit: RequestFn, owner: string, repo: string, path: string, onRead: (ref: FileRef) => void = () => {},
): Promise<ConfigFile[]> {
  const read = (ref: FileRef) => {
    onRead(ref);
    return readConfigAt(octokit, ref);
  };
  const own = await read({ owner, repo, path });
  const files = [own];
  if (own.config === null && repo !== ".github") files.push(await read({ owner, repo: ".github", path }));
  const seen = new Set(files.map((f) => f.url));
  for (let last = files.at(-1)!; isMapping(last.config) && "_extends" in last.config; last = files.at(-1)!) {
    const target = parseExtends(last.config._extends, last.url, owner, path);
    delete last.config._extends;
    if (files.length > MAX_EXTENDS) throw new ConfigFileError(`${last.url}: \`_extends\` goes more than ${MAX_EXTENDS} files deep; extend one shared file`);
    if (seen.has(urlOf(target))) throw new ConfigFileError(`${last.url}: \`_extends\` leads back to ${urlOf(target)}, which is already read`);
    const next = await read(target);
    seen.add(next.url);
    files.push(next);
  }
  return files;
}

function parseExtends(value: unknown, url: string, owner: string, path: string): FileRef {
  const m = typeof value === "string" ? EXTENDS.exec(value) : null;
  if (!m) throw new ConfigFileError(`${url}: \`_extends\` must be \`repo\`, \`owner/repo\` or \`owner/repo:path.yml\`, not ${JSON.stringify(value)?.slice(0, 80)}`);
  return { owner: m[1] ?? owner, repo: m[2]!, path: m[3] ?? path };
}

const urlOf = (ref: FileRef) => `https://github.com/${ref.owner}/${ref.repo}/blob/HEAD/${ref.path}`;

async function readConfigAt(octokit: RequestFn, ref: FileRef): Promise<ConfigFile> {
  const url = urlOf(ref);
  let text: unknown;
  let headers: Record<string, unknown>;
  try {
    ({ data: text, headers } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...ref, mediaType: { format: "raw" } }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { url, config: null };
    throw error;
  }
  if (String(headers["content-type"] ?? "").startsWith("application/json") || typeof text !== "string") {
    throw new ConfigFileError(`${url} exists, but is a directory or a submodule, not a file`);
  }
  const oversized = checkFileSize(url, text, { kind: "configuration files", bytes: MAX_CONFIG_BYTES });
  if (oversized) throw new ConfigFileError(oversized);
  const read = readYaml(text.replace(/^\uFEFF/, ""), { maxAliasCount: 100, what: url });
  if (!read.ok) throw new ConfigFileError(`line ${read.line} of ${read.message}`);
  // An empty file is an empty configuration (as the plugin reads it): all defaults.
  return { url, config: read.value ?? {} };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
