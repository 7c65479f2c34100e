import { ProbotOctokit } from "probot";
import type { Clock } from "../../src/core/clock.js";
import type { RequestRecord, StandIn } from "../../sandbox/src/stand-in.js";
import type { Comment } from "../../sandbox/src/state.js";
import type { AuthFn } from "../../src/sweep/run-sweep.js";
import { renderMarker } from "../../src/core/markers.js";
import { startStandInApp, type StandInApp } from "./stand-in-app.js";

/**
 * The decisions tests' world on the one stand-in: a repository whose `.github/convener.yml` names
 * the moderators and maintainers, the app in process on a clock that moves with the stand-in's, and
 * helpers to read what the app wrote and to run the real sweep against it.
 */
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const FULL_NAME = `${OWNER}/${REPO}`;
export const HOUR = 3_600_000;
export const REQUEST_LABELS = ["group-request", "working-group", "group/ready"];

export const DECISIONS_CONFIG = `roles:
  moderators: [mod1, mod2, mod3]
  coreMaintainers: [core1, core2]
  leadMaintainers: [lead1]
# The retirement sweep reads charters this repository does not hold; it has its own tests.
retirement:
  enabled: false
`;

/** The token the sweep's Octokit authenticates with (the in-process app has its own). */
const SWEEP_TOKEN = "decisions-sweep-token";

export function seedDecisionsRepo(standIn: StandIn, config = DECISIONS_CONFIG): void {
  standIn.control.repo(FULL_NAME, { ".github/convener.yml": config, "README.md": "# Hello\n" });
}

/** The stand-in's "now" as a Clock: the app and the sweep read the same time the stand-in stamps. */
export function standInClock(standIn: () => StandIn | undefined): Clock {
  return () => new Date(Date.now() + (standIn()?.state.clockOffsetMs ?? 0));
}

export interface DecisionsWorld extends StandInApp {
  clock: Clock;
}

/** The app in process on the decisions repository; its clock follows `standIn.control.advanceClock`. */
export async function startDecisionsWorld(config = DECISIONS_CONFIG): Promise<DecisionsWorld> {
  let seeded: StandIn | undefined;
  const clock = standInClock(() => seeded);
  const world = await startStandInApp({ clock, seed: (s) => { seeded = s; seedDecisionsRepo(s, config); } });
  return { ...world, clock };
}

/** The app's comments on an issue, those whose body contains `marker`. */
export function listAppComments(standIn: StandIn, number: number, marker = ""): Comment[] {
  const bot = standIn.state.app.botLogin;
  return standIn.control.issueOf(FULL_NAME, number).comments.filter((c) => c.user === bot && c.body.includes(marker));
}

/** Writes to repositories (not the token exchange) in the stand-in's request log since `from`. */
export function listRepoWrites(standIn: StandIn, from: number): RequestRecord[] {
  // GraphQL mutation documents are writes too (the app's comments, labels and issue state go that way).
  return standIn.requestsSince(from).filter((r) => r.write && (r.path.startsWith("/repos/") || r.path === "/graphql"));
}

/** `METHOD path` of each request: readable in a failure message. */
export function describeRequests(records: RequestRecord[]): string[] {
  return records.map((r) => `${r.method} ${r.path}${r.operation ? ` ${r.operation}` : ""}`);
}

/** The sweep runner's authentication against the stand-in (retries off, as the app's in tests). */
export function createStandInAuth(standIn: StandIn): AuthFn {
  standIn.tokens.add(SWEEP_TOKEN);
  const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  return async () => new Octokit({ auth: { token: SWEEP_TOKEN }, baseUrl: standIn.urls.api }) as any;
}

/**
 * A request whose vote (written by the app, moderators mod1 and mod2) passed its deadline without a
 * tally: both moderators voted yes (more than half of the electorate), then 80 hours pass.
 */
export function seedStaleVote(standIn: StandIn): number {
  const issue = standIn.control.seedIssue(FULL_NAME, "octocat", "[WG request] Transports", "", [...REQUEST_LABELS, "vote/open"]);
  const opened = Date.parse(standIn.state.now());
  const marker = renderMarker("decisions:vote:1", { opened: new Date(opened).toISOString(), deadline: new Date(opened + 72 * HOUR).toISOString(), electorate: ["mod1", "mod2"], calledBy: 1 });
  // Written as the app writes it; no app listens in the tests that use it, so no webhook is handled.
  standIn.changes.addComment(standIn.control.repoOf(FULL_NAME), issue, standIn.state.app.botLogin, `${marker}\nvote`, true);
  standIn.control.advanceClock(HOUR);
  standIn.control.as("mod1", FULL_NAME).comment(issue.number, "/vote yes");
  standIn.control.as("mod2", FULL_NAME).comment(issue.number, "/vote yes");
  standIn.control.advanceClock(79 * HOUR);
  return issue.number;
}
