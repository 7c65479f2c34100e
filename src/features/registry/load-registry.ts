import type { Config } from "../../config/schema.js";
import type { GitHubReader } from "../../core/github.js";
import type { RepoRef } from "../../core/plan.js";
import type { Registry } from "./types.js";

/**
 * CONTRACT PLACEHOLDER — replaced by the registry implementation (issue 4): reads every charter in
 * one GraphQL request at the default-branch head and caches the result by commit.
 */
export async function loadRegistry(_github: GitHubReader, _repo: RepoRef, _config: Config): Promise<Registry> {
  return { commit: "", groups: [] };
}
