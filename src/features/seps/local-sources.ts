import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config-schema.js";
import { buildRegistry, type CharterFolder } from "../../registry/load-registry.js";
import type { GroupKind, Registry } from "../../registry/types.js";

/**
 * Offline stand-ins for what the app reads from GitHub: the registry from a local checkout, and
 * sponsor roles from the users listed in the config (teams cannot be asked offline).
 */
export function readLocalRegistry(dir: string, config: Config): Registry {
  const { workingGroupsPath, interestGroupsPath } = config.registry;
  // A checkout of the community repo has the configured folders; a bare folder of charters has
  // `working-groups/` and `interest-groups/` directly.
  const pick = (configured: string, bare: string) => (existsSync(join(dir, configured)) ? configured : bare);
  const folders: CharterFolder[] = [
    readFolder(dir, pick(workingGroupsPath, "working-groups"), "wg"),
    readFolder(dir, pick(interestGroupsPath, "interest-groups"), "ig"),
  ];
  if (folders.every((f) => f.entries.length === 0)) {
    throw new Error(`no charters found under ${dir} (looked in ${workingGroupsPath} and ${interestGroupsPath})`);
  }
  return buildRegistry("local", folders, undefined, config.registry.maxCharterBytes);
}

function readFolder(root: string, folder: string, kind: GroupKind): CharterFolder {
  const path = join(root, folder);
  if (!existsSync(path) || !statSync(path).isDirectory()) return { folder, kind, entries: [] };
  const entries = readdirSync(path).map((name) => {
    const full = join(path, name);
    const isFile = statSync(full).isFile();
    return { name, type: isFile ? "blob" : "tree", object: isFile ? { text: readFileSync(full, "utf8"), isTruncated: false } : null };
  });
  return { folder, kind, entries };
}
