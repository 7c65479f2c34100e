import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CHARTERS_DIR } from "./shared-fixtures.js";

const FOLDERS = { "working-groups": "docs/community/working-groups", "interest-groups": "docs/community/interest-groups" } as const;

/**
 * The real MCP charters as repository files at the registry's default folders, to seed a stand-in
 * repository with. `overrides` replaces a charter by repository path (say, to retire a group).
 */
export function readCharterFiles(overrides: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [fixture, folder] of Object.entries(FOLDERS)) {
    for (const name of readdirSync(join(CHARTERS_DIR, fixture)).sort()) files[`${folder}/${name}`] = readFileSync(join(CHARTERS_DIR, fixture, name), "utf8");
  }
  return { ...files, ...overrides };
}
