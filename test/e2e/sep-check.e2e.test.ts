import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { PEOPLE, REPO, renderSep, seedCommunity } from "../../sandbox/src/demo/community.js";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import type { Issue } from "../../sandbox/src/state.js";
import { writesIn } from "./e2e-world.js";

const SWEEP_TOKEN = "e2e-sweep-token";
const READ_TOKEN = "e2e-read-token";

/**
 * The `SEP metadata` check end to end: the real server against the stand-in, counted through
 * GitHub's own API (check runs are append-only there: every update adds its annotations).
 */
describe("SEP check runs end to end", () => {
  let h: Harness;
  let branch = 0;
  beforeAll(async () => {
    h = await startHarness({ seed: seedCommunity, env: { SWEEP_TOKEN } });
    h.standIn.tokens.add(READ_TOKEN);
  }, 60_000);
  afterAll(async () => h?.stop());

  const grace = () => h.standIn.control.as(PEOPLE.facilitator, REPO);
  const get = async (path: string) => {
    const res = await fetch(`${h.standIn.urls.api}/repos/${REPO}${path}`, { headers: { authorization: `token ${READ_TOKEN}` } });
    expect(res.status).toBe(200);
    return { body: (await res.json()) as any, link: res.headers.get("link") };
  };
  /** Every annotation of a run, all pages, as a client of GitHub's API reads them. */
  const annotationsOf = async (id: number) => {
    const all: any[] = [];
    for (let page = 1; ; page++) {
      const { body, link } = await get(`/check-runs/${id}/annotations?per_page=100&page=${page}`);
      all.push(...body);
      if (!link?.includes('rel="next"')) return all;
    }
  };
  const runsOn = async (sha: string, filter: "latest" | "all" = "all") =>
    (await get(`/commits/${sha}/check-runs?check_name=${encodeURIComponent("SEP metadata")}&filter=${filter}&per_page=100`)).body.check_runs as any[];
  const openSep = (files: Record<string, string>): Issue => grace().openPullRequest("SEP: change", "", files, `grace/sep-${++branch}`);
  const draft = (title: string, extra: { sections?: string[]; pr?: string } = {}) =>
    renderSep({ number: "0000", title, status: "Draft", pr: "TBD", wg: "transports-wg", ...extra });

  test("a re-run adds a new run with the same annotations once; a fix leaves no stale annotation", async () => {
    const pr = openSep({ "seps/0000-rerun.md": draft("Rerun", { sections: ["Abstract", "Motivation"] }) });
    await h.standIn.settle();
    const sha = pr.pull!.headSha;
    const [first] = await runsOn(sha);
    expect(first).toMatchObject({ status: "completed", conclusion: "failure" });
    const firstAnnotations = await annotationsOf(first.id);
    expect(firstAnnotations.length).toBeGreaterThan(0);
    expect(first.output.annotations_count).toBe(firstAnnotations.length);

    const from = h.standIn.requests.length;
    grace().rerequestCheckRun(first.id);
    await h.standIn.settle();
    // The new run is the event's one write: a GraphQL createCheckRun.
    expect(writesIn(h.standIn.requestsSince(from)).map((r) => `${r.method} ${r.path} ${r.operation}`)).toEqual(["POST /graphql ConvenerWrites"]);
    const runs = await runsOn(sha);
    expect(runs).toHaveLength(2);
    const rerun = runs.find((r) => r.id !== first.id)!;
    expect(await annotationsOf(rerun.id)).toEqual(firstAnnotations); // the same findings, not doubled
    expect(await annotationsOf(first.id)).toEqual(firstAnnotations); // the old run is never added to
    expect((await runsOn(sha, "latest")).map((r) => r.id)).toEqual([rerun.id]);

    grace().updatePullRequest(pr.number, { "seps/0000-rerun.md": draft("Rerun", { pr: `#${pr.number}` }) });
    await h.standIn.settle();
    const fixed = await runsOn(pr.pull!.headSha);
    expect(fixed).toHaveLength(1);
    const failuresLeft = (await annotationsOf(fixed[0].id)).filter((a) => a.annotation_level === "failure");
    expect(failuresLeft).toEqual([]);
    expect(fixed[0].conclusion).toBe("success");
    expect(fixed[0].output.title).toMatch(/^Passed/);
  }, 60_000);

  test("the same head with an unchanged result adds no run; a redelivery adds none", async () => {
    const pr = openSep({ "seps/0000-quiet.md": draft("Quiet") });
    await h.standIn.settle();
    const opened = h.standIn.webhooks.deliveries.filter((d) => d.event === "pull_request" && d.action === "opened").at(-1)!;
    const runsBefore = h.standIn.control.repoOf(REPO).checkRuns.length;
    await h.standIn.webhooks.redeliver(opened.id);
    grace().editIssue(pr.number, { title: "SEP: quiet change" }); // pull_request.edited: same head, same result
    await h.standIn.settle();
    expect(h.standIn.control.repoOf(REPO).checkRuns.length).toBe(runsBefore); // no run created, whatever the API
    expect(await runsOn(pr.pull!.headSha)).toHaveLength(1);
  }, 60_000);

  test("a PR with 150 SEP files: every file is read and every file's finding is annotated", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`seps/0000-many-${String(i).padStart(3, "0")}.md`] = draft(`Many ${i}`, { sections: ["Abstract"] });
    const pr = openSep(files);
    await h.standIn.settle(1500); // the annotation batches are writes, a second apart
    const [run] = await runsOn(pr.pull!.headSha);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    const annotations = await annotationsOf(run.id);
    expect(run.output.annotations_count).toBe(annotations.length);
    const missingSection = new Set(annotations.filter((a) => a.title === "section-required").map((a) => a.path));
    expect([...missingSection].sort()).toEqual(Object.keys(files).sort());
    // The 150 files are alike: each has the same findings, none lost between the batches of 50.
    const perFile = new Map<string, number>();
    for (const a of annotations) perFile.set(a.path, (perFile.get(a.path) ?? 0) + 1);
    expect(new Set(perFile.values()).size).toBe(1);
    expect(annotations.length).toBe(150 * perFile.get(Object.keys(files)[0]!)!);
    expect(annotations.length).toBeGreaterThan(300);
    const full = await get(`/check-runs/${run.id}`);
    expect(full.body.output.summary).toContain("150 SEP files");
  }, 120_000);

  test("past GitHub's 3,000-file listing the check names what it could not read and does not pass", async () => {
    const files: Record<string, string> = { "seps/0000-huge.md": draft("Huge", { pr: "#1" }) };
    for (let i = 0; i < 3004; i++) files[`docs/generated/f${i}.md`] = `${i}\n`;
    const pr = openSep(files);
    await h.standIn.settle();
    const [run] = await runsOn(pr.pull!.headSha);
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toMatch(/5 unlisted files not checked$/);
    expect((await get(`/check-runs/${run.id}`)).body.output.summary).toContain("Not read: 5 changed files past the first 3,000 of this pull request.");
  }, 60_000);

  test("a secondary rate limit and a 429 on the check-run create end in exactly one run each", async () => {
    for (const fault of ["secondary", "429"] as const) {
      // The run is created by a GraphQL createCheckRun in the event's mutation document.
      if (fault === "secondary") h.standIn.faults.secondaryRateLimit({ method: "POST", path: "/graphql", mutation: "createCheckRun" }, 1);
      else h.standIn.faults.add({ method: "POST", path: "/graphql", mutation: "createCheckRun", times: 1, status: 429, headers: { "retry-after": "1" }, body: { message: "Too Many Requests" } });
      const pr = openSep({ [`seps/0000-limit-${fault}.md`]: draft(`Limit ${fault}`) });
      await h.standIn.settle(1500);
      const faulted = h.standIn.requests.filter((r) => r.fault && r.path === "/graphql");
      expect(faulted.length).toBeGreaterThan(0);
      expect(await runsOn(pr.pull!.headSha)).toHaveLength(1);
    }
    h.standIn.faults.clear();
  }, 60_000);

  test("a redelivered event about an older head posts nothing", async () => {
    const pr = openSep({ "seps/0000-order.md": draft("Order", { sections: ["Abstract"] }) });
    await h.standIn.settle();
    const opened = h.standIn.webhooks.deliveries.filter((d) => d.event === "pull_request" && d.action === "opened").at(-1)!;
    const oldHead = pr.pull!.headSha;
    grace().updatePullRequest(pr.number, { "seps/0000-order.md": draft("Order") });
    await h.standIn.settle();
    const newHead = pr.pull!.headSha;
    const before = { old: (await runsOn(oldHead)).length, new: (await runsOn(newHead)).length };

    const from = h.standIn.requests.length;
    await h.standIn.webhooks.redeliver(opened.id);
    await h.standIn.settle();
    expect(writesIn(h.standIn.requestsSince(from))).toEqual([]);
    expect({ old: (await runsOn(oldHead)).length, new: (await runsOn(newHead)).length }).toEqual(before);
  }, 60_000);

  test("the sweep gives an open SEP PR whose head has no run of the app one", async () => {
    const url = h.standIn.webhooks.url;
    h.standIn.webhooks.url = undefined; // the deliveries of this push never arrive
    const pr = openSep({ "seps/0000-lost.md": draft("Lost") });
    await h.standIn.settle();
    h.standIn.webhooks.url = url;
    expect(await runsOn(pr.pull!.headSha)).toEqual([]);

    const sweep = async () => {
      const res = await fetch(`http://127.0.0.1:${h.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } });
      expect(res.status).toBe(200);
      await h.standIn.settle();
    };
    await sweep();
    const runs = await runsOn(pr.pull!.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure" }); // `PR: TBD`
    const runsBefore = h.standIn.control.repoOf(REPO).checkRuns.length;
    await sweep(); // nothing left to repair
    expect(h.standIn.control.repoOf(REPO).checkRuns.length).toBe(runsBefore);
  }, 60_000);
});
