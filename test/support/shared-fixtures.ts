import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The shared fixtures (real MCP charters, SEPs, governance documents) live in `../shared`, beside
 * the project: resolved from the project root, so a clone in any folder next to it works.
 */
const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** `mcpFixture("charters", "working-groups")` → `<project>/../shared/fixtures/mcp/charters/working-groups`. */
export function mcpFixture(...parts: string[]): string {
  return join(PROJECT_ROOT, "..", "shared", "fixtures", "mcp", ...parts);
}

export const CHARTERS_DIR = mcpFixture("charters");
export const SEPS_DIR = mcpFixture("seps");
export const DRAFT_SEPS_DIR = mcpFixture("seps-from-pr-branches");
