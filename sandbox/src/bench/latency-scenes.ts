import type { Harness } from "../harness.js";
import { formBody, formLabels } from "../request-bodies.js";
import { dayFromNow, PEOPLE, REPO, renderAgenda, renderSep } from "../demo/community.js";
import { differenceOf, measureScene, measureSweep, type SceneFigure } from "./latency-measure.js";

export const SWEEP_TOKEN = "bench-sweep-token";
/** Past the default 72-hour vote. */
export const VOTE_OVER_MS = 73 * 3600_000;

/** The scenes the latency targets name, by key; `rows` also lists the app's own events and setup-free extras. */
export interface SceneResults {
  rows: SceneFigure[];
  key: Record<SceneKey, SceneFigure>;
  /**
   * Everything each scene's act cost end to end: every delivery it caused (an issue form's
   * `issues.labeled` events next to `issues.opened`, a PR's `push`, the app's own events).
   */
  acts: Record<SceneKey, { requests: number; writes: number; deliveries: number }>;
  /** How far the app's clock was moved (its timing file's times are that far ahead). */
  clockOffsetMs: number;
}

export type SceneKey =
  | "requestOpened" | "requestFlip" | "requestUnchanged" | "voteOpened" | "ballot1" | "ballot2" | "ballot3"
  | "tallyOnEvent" | "tallyOnSweep" | "sepOpened" | "sepSync" | "sepOpenedUnseen" | "plainPr" | "plainIssueEdited" | "plainComment" | "agendaPush";

const request = (tag: string, facilitator: string) =>
  formBody("working-group", { "group-name": `Bench ${tag}`, tag, facilitators: `@${facilitator}`, maintainers: "", "use-cases": "Benchmarking.", "first-item": "#1" });

/**
 * Every event the issue's targets name, once, in the order a community meets them: a group request
 * (opened with a mistake, fixed, edited again), its vote (opened, three moderators' ballots, the tally
 * on a later event; a second vote tallied by the sweep), a SEP pull request, a pull request with
 * neither SEP nor agenda files, an agenda push, and events on an ordinary issue.
 */
export async function runScenes(h: Harness): Promise<SceneResults> {
  const as = (login: string) => h.standIn.control.as(login, REPO);
  const rows: SceneFigure[] = [];
  const key = {} as Record<SceneKey, SceneFigure>;
  const acts = {} as SceneResults["acts"];
  const scene = async (k: SceneKey | null, label: string, event: string, act: () => unknown) => {
    const figures = await measureScene(h, label, act);
    rows.push(...figures);
    const main = figures.find((f) => f.scene === label && f.event === event);
    if (!main) throw new Error(`${label}: no ${event} delivery (got ${figures.map((f) => f.event).join(", ")})`);
    if (k) {
      key[k] = main;
      acts[k] = { requests: sum(figures, "requests"), writes: sum(figures, "writes"), deliveries: figures.length };
    }
  };
  const setup = (act: () => unknown) => measureScene(h, "setup", act);

  // A community that has used Convener before: the labels its configuration names exist (the
  // first vote ever created them), as does the WG label the SEP links to. Each request's claim
  // label (`tag:<tag>`) is new, and still created by the scene that needs it.
  const repo = h.standIn.control.repoOf(REPO);
  for (const name of STANDING_LABELS) h.standIn.state.ensureLabel(repo, name);

  // The first event fetches the installation token, and the first sweep reads the group registry
  // (then kept per default-branch head, carried across pushes that leave the charters alone): one-off
  // costs of a server's first minutes, not of any scene. The server warmed its parsers as it started.
  await setup(() => as(PEOPLE.others[0]!).comment(1, "Warming up."));
  await measureSweep(h, "setup", SWEEP_TOKEN);

  let n = 0;
  await scene("requestOpened", "group request opened (with a mistake)", "issues.opened", () => (n = as(PEOPLE.requester).openIssue("[WG request] Bench", request("Bench_WG", "nobody-x"), formLabels("working-group")).number));
  await scene("requestFlip", "request edit that flips the outcome (fixed)", "issues.edited", () => as(PEOPLE.requester).editIssue(n, { body: request("bench-wg", PEOPLE.facilitator) }));
  await scene("requestUnchanged", "request edit, outcome unchanged", "issues.edited", () => as(PEOPLE.requester).editIssue(n, { body: request("bench-wg", PEOPLE.facilitator) + "\n" }));
  await scene("voteOpened", "/vote by a moderator (vote opened)", "issue_comment.created", () => as(PEOPLE.moderators[0]!).comment(n, "/vote"));
  await scene("ballot1", "ballot by a moderator (`/vote yes`)", "issue_comment.created", () => as(PEOPLE.moderators[0]!).comment(n, "/vote yes"));
  await scene("ballot2", "ballot by a moderator (`/vote yes`), second", "issue_comment.created", () => as(PEOPLE.moderators[1]!).comment(n, "I support this.\n/vote yes"));
  await scene("ballot3", "ballot by a moderator (`/vote no`), third", "issue_comment.created", () => as(PEOPLE.moderators[2]!).comment(n, "/vote no"));

  // A second vote, for the sweep to tally (the first is tallied by an event on its request).
  let m = 0;
  await setup(() => (m = as(PEOPLE.requester).openIssue("[WG request] Bench two", request("bench-two-wg", PEOPLE.facilitator), formLabels("working-group")).number));
  await setup(() => as(PEOPLE.moderators[1]!).comment(m, "/vote"));
  await setup(() => as(PEOPLE.moderators[1]!).comment(m, "/vote yes"));

  let pr = 0;
  const sep = (number: number | string, status: string) => renderSep({ number, title: "Bench", status, pr: `#${number}`, wg: "transports-wg" });
  await scene("sepOpened", "SEP pull request opened (one SEP file)", "pull_request.opened", () => (pr = as(PEOPLE.facilitator).openPullRequest("SEP: Bench", "", { "seps/0000-bench.md": sep("0000", "draft") }, "bench/sep").number));
  await scene("sepSync", "SEP pull request synchronize (number and WG link added)", "pull_request.synchronize", () => as(PEOPLE.facilitator).updatePullRequest(pr, { "seps/0000-bench.md": sep(pr, "Draft") }));
  // GitHub sends the base repository no push for a fork's branch: the same PR with its push held back
  // shows what a PR costs when nothing says which files it changes (not one of the targets' events).
  await scene("sepOpenedUnseen", "SEP pull request opened, its branch's push unseen (a fork's)", "pull_request.opened", () => {
    const sender = h.standIn.webhooks;
    const url = sender.url;
    const from = sender.deliveries.length;
    sender.url = undefined;
    try {
      as(PEOPLE.facilitator).openPullRequest("SEP: Bench from a fork", "", { "seps/0000-bench-fork.md": sep("0000", "draft") }, "bench/sep-fork");
    } finally {
      sender.url = url;
    }
    const opened = sender.deliveries.slice(from).find((d) => d.event === "pull_request" && d.action === "opened")!;
    return sender.post(opened);
  });
  await scene("plainPr", "pull request without SEP or agenda files", "pull_request.opened", () => as(PEOPLE.others[1]!).openPullRequest("Fix a typo", "", { "README.md": "# Model Context Protocol\n\nFixed.\n" }, "bench/typo"));
  await scene("plainIssueEdited", "ordinary issue edited (not Convener's concern)", "issues.edited", () => as(PEOPLE.facilitator).editIssue(1, { body: "Streams break on reconnect; we need checkpoints (edited)." }));
  await scene("plainComment", "comment on an ordinary issue (not Convener's concern)", "issue_comment.created", () => as(PEOPLE.others[1]!).comment(1, "Same here."));
  const date = dayFromNow(20);
  await scene("agendaPush", "agenda push (one agenda file)", "push", () => as(PEOPLE.facilitator).push({ [`meetings/transports-wg/${date}.md`]: renderAgenda("transports-wg", date, "Bench meeting", ["Item"]) }));

  // A sweep before the deadline does the sweep's one-off work (labels a request missed, reviews due).
  await measureSweep(h, "setup", SWEEP_TOKEN);
  // Past both deadlines (the app's clock and the stand-in's); one unmeasured event renews the app's
  // installation token, which the jump expired.
  await h.advanceClock(VOTE_OVER_MS);
  await setup(() => as(PEOPLE.others[0]!).comment(1, "Three days later."));
  await scene("tallyOnEvent", "tally on an event after the deadline (a comment)", "issue_comment.created", () => as(PEOPLE.others[0]!).comment(n, "Is the vote over?"));
  // The sweep runs every job over the repository: the tally's cost is what a sweep with the vote due
  // costs beyond the next sweep, with nothing due (the one-off work was done by a sweep before the deadline).
  const due = await measureSweep(h, "the sweep, one vote due (all its jobs)", SWEEP_TOKEN);
  const idle = await measureSweep(h, "the next sweep, nothing due (all its jobs)", SWEEP_TOKEN);
  const tally = differenceOf("tally on the sweep (that sweep minus the next)", due, idle);
  rows.push(due, idle, tally);
  key.tallyOnSweep = tally;
  acts.tallyOnSweep = { requests: tally.requests, writes: tally.writes, deliveries: 0 };
  return { rows, key, acts, clockOffsetMs: VOTE_OVER_MS };
}

/** The default configuration's labels, and the WG label of the SEP scenes. */
const STANDING_LABELS = [
  "group-request", "interest-group", "working-group", "group/ready", "group/needs-changes",
  "draft", "in-review", "accepted", "final", "dormant",
  "vote/open", "vote/passed", "vote/failed", "group/approved", "group/vetoed", "veto",
  "notes", "group/retirement-candidate", "group/retired", "transports-wg",
];

const sum = (figures: SceneFigure[], field: "requests" | "writes") => figures.reduce((total, f) => total + f[field], 0);
