import type { Logger } from "pino";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import type { Comment, Issue } from "../../sandbox/src/state.js";
import { REPO, seedCommunityRepo } from "./community-repo.js";
import { holdDeliveries } from "./delivery-requests.js";
import { startStandInApp, type StandInApp } from "./stand-in-app.js";

export { REPO };

/** The app's clock in the intake worlds: fixed, so the registry's head check never expires mid-test. */
export const INTAKE_NOW = new Date("2026-12-01T12:00:00Z");

/** Who opens the requests; the forms' facilitators and maintainers are among `USERS`. */
export const REQUESTER = "dana";
export const USERS = ["alice", "bob", "carol"];

/** The item a valid WG request names as its first work (`SEP-2663`): it exists in the repository. */
export const FIRST_ITEM = 2663;

export const IG_LABELS = ["group-request", "interest-group"];
export const WG_LABELS = ["group-request", "working-group"];

export interface IntakeWorld extends StandInApp {
  /** Opens a request as the requester and waits until the app is done with it. */
  open(body: string, labels: string[]): Promise<Issue>;
  /** A request that existed before the test (no webhook), closed if asked. */
  seedRequest(body: string, labels: string[], options?: { closed?: boolean }): Issue;
  appComments(number: number): Comment[];
  labels(number: number): string[];
}

/**
 * The stand-in with the app in process and the community repository: `config` as its
 * `.github/convener.yml`, the users `users`, issue #2663, any further `files` (e.g. SEP files), and
 * MCP's real charters when the test is about the registry (without them no tag is held by a
 * registered group).
 */
export async function startIntakeWorld(options: { config?: string; users?: string[]; charters?: boolean; files?: Record<string, string>; log?: Logger } = {}): Promise<IntakeWorld> {
  clearRegistryCache(); // module-wide, keyed by commit: each world reads its own charters
  const world = await startStandInApp({
    clock: () => INTAKE_NOW,
    ...(options.log ? { log: options.log } : {}),
    seed: (s) => {
      if (options.charters) seedCommunityRepo(s, { users: options.users ?? USERS, files: options.files ?? {}, ...(options.config === undefined ? {} : { config: options.config }) });
      else {
        (options.users ?? USERS).forEach((u) => s.control.user(u));
        s.control.repo(REPO, { "README.md": "# MCP\n", ...options.files, ...(options.config === undefined ? {} : { ".github/convener.yml": options.config }) });
      }
      // A repository with a long history: its issue #2663 is the first item valid WG requests name.
      s.control.repoOf(REPO).nextNumber = FIRST_ITEM;
      s.control.seedIssue(REPO, "carol", "Durable agents", "Tracking issue for agent execution.");
    },
  });
  const control = world.standIn.control;
  return {
    ...world,
    async open(body, labels) {
      const issue = control.as(REQUESTER, REPO).openIssue("Group request", body, labels);
      await world.settle();
      return issue;
    },
    seedRequest(body, labels, seedOptions = {}) {
      const issue = control.seedIssue(REPO, REQUESTER, "Group request", body, labels);
      if (seedOptions.closed) holdDeliveries(world.standIn, () => control.as(REQUESTER, REPO).close(issue.number));
      return issue;
    },
    appComments: (number) => control.issueOf(REPO, number).comments.filter((c) => c.user === world.standIn.state.app.botLogin),
    labels: (number) => control.issueOf(REPO, number).labels,
  };
}
