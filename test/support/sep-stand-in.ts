import type { CheckRun, Issue } from "../../sandbox/src/state.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { REPO, seedCommunityRepo } from "./community-repo.js";
import { startStandInApp, type StandInApp } from "./stand-in-app.js";

export { REPO };

/** The SEP world's clock: SEP dates (`Created`) are checked against it, never against today. */
export const SEP_NOW = new Date("2026-12-01T12:00:00Z");

/** The check's name on GitHub. */
export const SEP_CHECK = "SEP metadata";

/** The SEP author in these tests; `mia` is the one maintainer, so `@mia` is a valid sponsor. */
export const AUTHOR = "janedoe";

/** Only the SEP check acts on a pull request here: the SEP-link and agenda checks are switched off. */
const SEP_ONLY_CONFIG = "sepLink:\n  enabled: false\nmeetings:\n  checkPullRequests: false\n";

/** A draft SEP's labels: `state-label` findings are about them. */
export const SEP_LABELS = ["SEP", "draft"];

export interface SepWorld extends StandInApp {
  /**
   * Opens a pull request changing `files` as the author, labelled `labels` at once (before the
   * app reads it, as a PR opened with labels), and waits until the app is done with it.
   */
  openSep(files: Record<string, string>, labels?: string[]): Promise<Issue>;
  /** The number the next pull request will get (a SEP's `PR` field names it). */
  nextNumber(): number;
  /** The app's `SEP metadata` runs on a commit, oldest first. */
  runsOn(sha: string): CheckRun[];
}

/**
 * The stand-in with the app in process, seeded with the community repository (real charters,
 * `files` on its default branch) and the maintainers team `maintainers`.
 */
export async function startSepWorld(options: { files?: Record<string, string>; maintainers?: string[]; retries?: boolean } = {}): Promise<SepWorld> {
  clearRegistryCache(); // the registry cache is module-wide: each world reads its own charters
  const world = await startStandInApp({
    clock: () => SEP_NOW,
    ...(options.retries ? { retries: true } : {}),
    seed: (s) => {
      seedCommunityRepo(s, { config: SEP_ONLY_CONFIG, users: [AUTHOR], ...(options.files ? { files: options.files } : {}) });
      s.control.team("modelcontextprotocol", "maintainers", options.maintainers ?? ["mia"]);
    },
  });
  const repo = () => world.standIn.control.repoOf(REPO);
  return {
    ...world,
    async openSep(files, labels = SEP_LABELS) {
      const author = world.standIn.control.as(AUTHOR, REPO);
      const pr = author.openPullRequest("SEP: a useful change", "", files);
      if (labels.length > 0) author.label(pr.number, ...labels);
      await world.settle();
      return pr;
    },
    nextNumber: () => repo().nextNumber,
    runsOn: (sha) => repo().checkRuns.filter((r) => r.head_sha === sha && r.name === SEP_CHECK),
  };
}
