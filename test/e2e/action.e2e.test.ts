import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dayFromNow, PEOPLE, REPO, renderAgenda, renderSep, seedCommunity } from "../../sandbox/src/demo/community.js";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { formBody, formLabels } from "../../sandbox/src/request-bodies.js";
import { StandIn } from "../../sandbox/src/stand-in.js";
import { createRunner } from "./action-runner.js";

const SWEEP_TOKEN = "e2e-action-sweep-token";
const HOURS_73 = 73 * 3600_000;

/** What a community sees: issues, labels, the app's comments, check runs and commit comments. */
function snapshot(s: StandIn, bot: string) {
  const repo = s.control.repoOf(REPO);
  const clean = (text: string) => text.replaceAll(bot, "BOT").replaceAll(s.urls.web, "<github>").replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\.\d+)?Z/g, "<time>")
    // Each world reads its own clock: the two runs of the story are a minute or so apart.
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, "<time> UTC");
  return {
    issues: [...repo.issues.values()].map((i) => ({
      number: i.number, title: i.title.replace(/\d{4}-\d\d-\d\d/, "DATE"), user: i.user === bot ? "BOT" : i.user, state: i.state, labels: [...i.labels].sort(),
      comments: i.comments.filter((c) => c.user === bot).map((c) => clean(c.body)),
    })),
    checkRuns: repo.checkRuns.map((r) => ({ name: r.name, conclusion: r.conclusion, title: r.output.title, annotations: r.annotations.length })),
    commitComments: repo.commitComments.map((c) => clean(c.body)),
  };
}

interface World {
  standIn: StandIn;
  /** Lets the app react to everything that happened (webhooks to the server, or workflow runs). */
  react: () => Promise<void>;
  advance: (ms: number) => Promise<void>;
  sweep: () => Promise<void>;
}

const as = (w: World, login: string) => w.standIn.control.as(login, REPO);

/** A group request with a fix, a ballot, the 72-hour deadline swept, a SEP pull request and its fix, two agenda pushes. */
async function playStory(w: World): Promise<Record<string, number>> {
  const memo: Record<string, number> = {};
  const wg = (tag: string, use: string) => formBody("working-group", {
    "group-name": "Streaming", tag, facilitators: `@${PEOPLE.facilitator}`, maintainers: `@${PEOPLE.maintainer}`, "use-cases": use, "first-item": "#1",
  });
  memo.request = as(w, PEOPLE.requester).openIssue("[WG request] Streaming", wg("Streaming_WG", ""), formLabels("working-group")).number;
  await w.react();
  as(w, PEOPLE.requester).editIssue(memo.request, { body: wg("streaming-wg", "Resumable streams for long tool calls.") });
  await w.react();
  as(w, PEOPLE.others[0]!).comment(memo.request, "/vote");
  await w.react();
  as(w, PEOPLE.moderators[0]!).comment(memo.request, "/vote");
  await w.react();
  as(w, PEOPLE.moderators[1]!).comment(memo.request, "/vote yes");
  await w.react();
  as(w, PEOPLE.moderators[2]!).comment(memo.request, "I support this.\n/vote yes");
  await w.react();
  await w.advance(HOURS_73);
  await w.sweep();
  const sep = renderSep({ number: "0000", title: "Stream checkpoints", status: "draft", pr: "TBD", wg: "transports-wg", sections: ["Abstract", "Motivation", "Specification"] });
  memo.sepPull = as(w, PEOPLE.facilitator).openPullRequest("SEP: Stream checkpoints", "A new SEP.", { "seps/0000-stream-checkpoints.md": sep }, "grace/sep-checkpoints").number;
  await w.react();
  const fixed = renderSep({ number: memo.sepPull, title: "Stream checkpoints", status: "Draft", pr: `#${memo.sepPull}`, wg: "transports-wg" });
  as(w, PEOPLE.facilitator).updatePullRequest(memo.sepPull, { "seps/0000-stream-checkpoints.md": null, [`seps/${memo.sepPull}-stream-checkpoints.md`]: fixed });
  await w.react();
  const soon = dayFromNow(14, w.standIn.state.clockOffsetMs);
  as(w, PEOPLE.facilitator).push({ [`meetings/transports-wg/${soon}.md`]: renderAgenda("transports-wg", soon, "Transports WG working session", ["Stream checkpoints"]) }, "Add agenda");
  await w.react();
  const late = dayFromNow(3, w.standIn.state.clockOffsetMs);
  as(w, PEOPLE.maintainer).push({ [`meetings/agents-wg/${late}.md`]: renderAgenda("agents-wg", late, "Agents WG sync", ["Tasks"]) }, "Add late agenda");
  await w.react();
  return memo;
}

/**
 * The Actions entry (`dist/index.js`, as `action.yml` runs it) against the stand-in, started per
 * event exactly as a runner starts it, gives the same effects as the server for the same story.
 */
describe("the Actions entry end to end", () => {
  let server: Harness;
  let standIn: StandIn;
  const dir = mkdtempSync(join(tmpdir(), "convener-action-clock-"));
  const clockFile = join(dir, "offset");
  let served: ReturnType<typeof snapshot>;

  beforeAll(async () => {
    server = await startHarness({ seed: seedCommunity, env: { SWEEP_TOKEN }, timeTravel: true });
    standIn = await StandIn.start({ appId: 4242, slug: "convener", webhookSecret: randomBytes(8).toString("hex") });
    seedCommunity(standIn);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the server's effects, for reference", async () => {
    const memo = await playStory({
      standIn: server.standIn,
      react: () => server.standIn.settle(),
      advance: (ms) => server.advanceClock(ms),
      sweep: async () => {
        const res = await fetch(`http://127.0.0.1:${server.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } });
        expect(res.status).toBe(200);
        await server.standIn.settle();
      },
    });
    served = snapshot(server.standIn, "convener[bot]");
    const request = served.issues.find((i) => i.number === memo.request)!;
    expect(request.labels).toEqual(expect.arrayContaining(["group/ready", "vote/passed", "group/approved"]));
    expect(served.checkRuns.map((r) => r.conclusion)).toEqual(expect.arrayContaining(["failure", "success"]));
  }, 120_000);

  test("an app token: group request, ballot, scheduled sweep, SEP pull request and agenda pushes as the server does them", async () => {
    writeFileSync(clockFile, "0");
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    standIn.tokens.add(token); // an installation token of the app, as actions/create-github-app-token makes
    const runner = createRunner(standIn, { token, repository: REPO, bot: "convener[bot]", appSlug: "convener", clockFile });
    await playStory({
      standIn,
      react: () => runner.runPending(),
      advance: async (ms) => {
        standIn.control.advanceClock(ms);
        writeFileSync(clockFile, String(standIn.state.clockOffsetMs));
      },
      sweep: async () => {
        const run = await runner.sweep();
        expect(run.output).toMatch(/applied/);
        await runner.runPending();
      },
    });
    expect(runner.runs.filter((r) => r.code !== 0).map((r) => `${r.event}: ${r.output.slice(-2000)}`)).toEqual([]);
    expect(runner.runs.map((r) => r.event)).toEqual(expect.arrayContaining(["issues", "issue_comment", "schedule", "pull_request_target", "push"]));
    expect(snapshot(standIn, "convener[bot]")).toEqual(served);
  }, 300_000);

  test("the workflow token: the app is github-actions[bot], and trusts its own markers only", async () => {
    const token = standIn.workflowToken();
    const runner = createRunner(standIn, { token, repository: REPO, bot: "github-actions[bot]", clockFile });
    const body = (tag: string) => formBody("interest-group", {
      "group-name": "Payments", tag, facilitators: `@${PEOPLE.facilitator}`, "similar-groups": "None", differentiation: "Only payments.", "first-topic": "Refunds.",
    });
    const user = standIn.control.as(PEOPLE.requester, REPO);
    const issue = user.openIssue("[IG request] Payments", body("Payments_IG"), formLabels("interest-group"));
    await runner.runPending();
    const own = () => standIn.control.issueOf(REPO, issue.number).comments.filter((c) => c.user === "github-actions[bot]");
    expect(own()).toHaveLength(1);
    const [first] = own();
    expect(first!.body).toMatch(/needs changes/);
    user.editIssue(issue.number, { body: body("payments-ig") });
    await runner.runPending();
    expect(own()).toHaveLength(1);
    expect(own()[0]!.id).toBe(first!.id);
    expect(own()[0]!.body).toMatch(/ready for moderator review/);
    const res = await fetch(`${standIn.urls.api}/repos/${REPO}/issues/comments/${first!.id}`, { headers: { authorization: `token ${token}` } });
    expect(((await res.json()) as any).performed_via_github_app.slug).toBe("github-actions");
    expect(runner.runs.filter((r) => r.code !== 0).map((r) => r.output)).toEqual([]);
  }, 240_000);
});
