import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RequestRecord, StandIn } from "../../sandbox/src/stand-in.js";
import type { Delivery } from "../../sandbox/src/webhooks/sender.js";
import { CHARTERS_DIR } from "./shared-fixtures.js";

/**
 * The community repository the stand-in tests of the SEP check and the intake share: MCP's real
 * charters (from `../shared`) where the registry reads them, so the registry the app builds is the
 * real one, and a config that other tests can replace.
 */
export const ORG = "modelcontextprotocol";
export const REPO = `${ORG}/modelcontextprotocol`;

/** Where the registry's default config reads charters (`registry.workingGroupsPath` / `interestGroupsPath`). */
const CHARTER_FOLDERS = { "working-groups": "docs/community/working-groups", "interest-groups": "docs/community/interest-groups" } as const;

/** The real charter files as repository paths → contents, with per-test overrides (null removes one). */
function charterFiles(overrides: Record<string, string | null> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [folder, path] of Object.entries(CHARTER_FOLDERS)) {
    for (const name of readdirSync(join(CHARTERS_DIR, folder))) files[`${path}/${name}`] = readFileSync(join(CHARTERS_DIR, folder, name), "utf8");
  }
  for (const [path, text] of Object.entries(overrides)) {
    if (text === null) delete files[path];
    else files[path] = text;
  }
  return files;
}

/** Seeds the community repository with the charters, `config` as `.github/convener.yml`, and `users`. */
export function seedCommunityRepo(standIn: StandIn, options: { config?: string; files?: Record<string, string>; users?: string[] } = {}): void {
  standIn.control.org(ORG);
  for (const user of options.users ?? []) standIn.control.user(user);
  standIn.control.repo(REPO, {
    ...charterFiles(),
    ...(options.config === undefined ? {} : { ".github/convener.yml": options.config }),
    ...options.files,
  });
}

/** The stand-in's request log as one line per request (`GET /repos/...` or `POST /graphql PullFacts`). */
export function describeRequests(records: RequestRecord[]): string[] {
  return records.map((r) => `${r.method} ${r.path}${r.operation ? ` ${r.operation}` : ""}`);
}

/** The GraphQL operations among the requests, by name. */
export function graphqlOperations(records: RequestRecord[]): string[] {
  return records.filter((r) => r.path === "/graphql").map((r) => r.operation ?? "(anonymous)");
}

/** The deliveries of `event.action`, oldest first. */
export function deliveriesOf(standIn: StandIn, event: string, action?: string): Delivery[] {
  return standIn.webhooks.deliveries.filter((d) => d.event === event && (action === undefined || d.action === action));
}
