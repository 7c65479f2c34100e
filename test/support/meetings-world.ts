import type { Clock } from "../../src/core/clock.js";
import type { Issue } from "../../sandbox/src/state.js";
import { readCharterFiles } from "./charter-files.js";
import { startStandInApp, type StandInApp, type StandInAppOptions } from "./stand-in-app.js";

export const REPO = "Codertocat/Hello-World";
export const BOT = "convener[bot]";

export interface MeetingsWorldOptions {
  clock: Clock;
  /** `.github/convener.yml`; a 7-day notice window unless a test says otherwise. */
  config?: string;
  /** More files on the default branch from the start (no push). */
  files?: Record<string, string>;
  env?: Record<string, string>;
  log?: StandInAppOptions["log"];
}

/** The stand-in with one repository holding the real charters (the registry) and the app in process; `alice` pushes. */
export function startMeetingsWorld(options: MeetingsWorldOptions): Promise<StandInApp> {
  return startStandInApp({
    clock: options.clock,
    ...(options.env ? { env: options.env } : {}),
    ...(options.log ? { log: options.log } : {}),
    seed: (s) => {
      s.control.repo(REPO, {
        "README.md": "# Hello\n",
        ".github/convener.yml": options.config ?? "meetings:\n  noticeDays: 7\n",
        ...readCharterFiles(),
        ...options.files,
      });
      s.control.user("alice");
    },
  });
}

/** The repository's issues labelled `notes`, by number. */
export function listNotesIssues(world: StandInApp): Issue[] {
  return [...world.standIn.control.repoOf(REPO).issues.values()].filter((i) => i.labels.includes("notes"));
}
