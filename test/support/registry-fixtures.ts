import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CHARTERS_DIR } from "./shared-fixtures.js";
import type { RegistryQueryResult, TreeEntry } from "../../src/registry/query.js";

export { CHARTERS_DIR };

/** The real MCP charter files as GraphQL tree entries (what GitHub answers for a folder). */
export function charterEntries(folder: "working-groups" | "interest-groups", overrides: Record<string, string | null> = {}): TreeEntry[] {
  const dir = join(CHARTERS_DIR, folder);
  const names = new Set([...readdirSync(dir), ...Object.keys(overrides)]);
  const entries: TreeEntry[] = [];
  for (const name of [...names].sort()) {
    const text = name in overrides ? overrides[name]! : readFileSync(join(dir, name), "utf8");
    if (text === null) continue;
    entries.push({ name, type: "blob", object: { text, isTruncated: false } });
  }
  return entries;
}

export interface FakeDefaultBranch {
  head: string;
  wg: Record<string, string | null>;
  ig: Record<string, string | null>;
}

/** A default branch serving the fixture charters (with per-test overrides) at a commit the test can move. */
export function fakeDefaultBranch(head = "a".repeat(40)): FakeDefaultBranch {
  return { head, wg: {}, ig: {} };
}

export function registryResponse(branch: FakeDefaultBranch): { data: RegistryQueryResult } {
  return {
    data: {
      repository: {
        defaultBranchRef: { target: { oid: branch.head } },
        wg: { entries: charterEntries("working-groups", branch.wg) },
        ig: { entries: charterEntries("interest-groups", branch.ig) },
      },
    },
  };
}

/** A responder for `nockGraphql` answering the registry's two queries, counting each. */
export function registryResponder(branch: FakeDefaultBranch, counts = { registry: 0, head: 0 }) {
  const responder = (query: string) => {
    if (query.includes("query RegistryCharters")) {
      counts.registry++;
      return registryResponse(branch);
    }
    if (query.includes("query RegistryHead")) {
      counts.head++;
      return { data: { repository: { defaultBranchRef: { target: { oid: branch.head } } } } };
    }
    return undefined;
  };
  return Object.assign(responder, { counts, branch });
}
