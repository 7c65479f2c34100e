import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { BOT, listNotesIssues, REPO, startMeetingsWorld } from "../support/meetings-world.js";
import { deliverPayload, describeRequest, holdDeliveries, lastDelivery, requestsDuring } from "../support/delivery-requests.js";
import { createMemoryLog } from "../support/memory-log.js";
import type { StandInApp } from "../support/stand-in-app.js";

const AGENDA = "meetings/auth-ig/2030-03-11.md";
/** Weeks before the meetings below: they are upcoming whatever today's date. */
const NOW = new Date("2030-01-15T12:00:00Z");

let world: StandInApp;

beforeEach(async () => {
  clearRegistryCache();
  world = await startMeetingsWorld({ clock: () => NOW });
});

afterEach(async () => world?.stop());

const alice = () => world.standIn.control.as("alice", REPO);
const issue = (number: number) => world.standIn.control.issueOf(REPO, number);
const appComments = (number: number) => issue(number).comments.filter((c) => c.user === BOT);
/** Alice pushes to the default branch and the app handles the delivery; returns the new commit. */
const push = async (files: Record<string, string | null>, branch?: string) => {
  const sha = alice().push(files, "Update agendas", branch);
  await world.settle();
  return sha;
};

describe("meetings on push (the stand-in's push deliveries)", () => {
  test("a push adding an agenda opens one issue with the title, labels and body, in 5 requests", async () => {
    const from = world.standIn.requests.length;
    const sha = await push({ [AGENDA]: agendaText("2030-03-11") });
    expect(listNotesIssues(world)).toHaveLength(1);
    const opened = listNotesIssues(world)[0]!;
    expect(opened.user).toBe(BOT);
    expect(opened.title).toBe("[notes] Authorization meeting — 2030-03-11");
    expect(opened.labels).toEqual(["notes", "auth-ig"]);
    // 09:00 in Los Angeles the day after the March 2030 DST change is 16:00 UTC.
    expect(opened.body).toContain("| **UTC** | 2030-03-11 16:00 UTC |");
    expect(opened.body).toContain("- Review of SEP-1234");
    expect(opened.body).toContain(`/blob/${sha}/${AGENDA}`);
    expect(opened.body).toContain("## Attendees");
    // The registry and the files are read together: their order in the log may vary.
    expect(readTogether(world.standIn.requestsSince(from).map(describeRequest))).toEqual([
      "GET /contents/.github%2Fconvener.yml",
      "POST MeetingFiles", // agenda file + notes issues
      "POST RegistryCharters",
      "POST /issues", // no re-check first: the files query read every notes issue
      "GET /issues", // the de-dupe after it: a racing twin opened first?
    ]);
  });

  test("the registry and the agenda files are read together: one round trip, not two", async () => {
    // The registry's answer is held back; the files query must not wait for it.
    world.standIn.faults.delay({ method: "POST", path: "/graphql" }, 400, 1);
    await push({ [AGENDA]: agendaText("2030-03-11") });
    const reads = requestsDuring(world.standIn, lastDelivery(world.standIn, "push")).filter((r) => r.operation === "RegistryCharters" || r.operation === "MeetingFiles");
    expect(reads).toHaveLength(2);
    const [first, second] = [...reads].sort((a, b) => a.at - b.at) as [typeof reads[0], typeof reads[0]];
    expect(second.at).toBeLessThan(first.at + 400);
    expect(listNotesIssues(world)).toHaveLength(1);
  });

  test("the same push delivered twice opens one issue", async () => {
    await push({ [AGENDA]: agendaText("2030-03-11") });
    expect((await world.standIn.webhooks.redeliver(lastDelivery(world.standIn, "push").id)).status).toBe(200);
    await world.settle();
    expect(listNotesIssues(world)).toHaveLength(1);
  });

  test("a second push changing the agenda edits only the app block; the human Notes survive", async () => {
    await push({ [AGENDA]: agendaText("2030-03-11") });
    alice().editIssue(1, { body: issue(1).body!.replace("## Notes\n", "## Notes\n\nAlice: we agreed to ship the draft.\n") });
    await push({ [AGENDA]: agendaText("2030-03-11", { body: "- Only one item now" }) });
    expect(listNotesIssues(world)).toHaveLength(1);
    const body = issue(1).body!;
    expect(body).toContain("- Only one item now");
    expect(body).not.toContain("Review of SEP-1234");
    expect(body).toContain("## Notes\n\nAlice: we agreed to ship the draft.\n");
  });

  test("people's text around the block survives byte for byte, even with the web editor's CRLF line ends", async () => {
    await push({ [AGENDA]: agendaText("2030-03-11") });
    // Saving the issue in GitHub's web editor turns every line end into CRLF; people write above and below.
    const edited = "Pinned: bring coffee ☕ $& $1\r\n\r\n" + issue(1).body!.replace(/\n/g, "\r\n").replace("## Notes\r\n", "## Notes\r\n\r\nAlice: ship it.\r\n");
    alice().editIssue(1, { body: edited });
    const END = "<!-- convener:meeting-end -->";
    await push({ [AGENDA]: agendaText("2030-03-11", { body: "- Only one item now" }) });
    const body = issue(1).body!;
    expect(body).toContain("- Only one item now");
    expect(body.slice(0, body.indexOf("<!-- convener:meeting:"))).toBe(edited.slice(0, edited.indexOf("<!-- convener:meeting:")));
    expect(body.slice(body.indexOf(END))).toBe(edited.slice(edited.indexOf(END)));
  });

  test("a cancelled meeting is closed as not planned with one comment, even when redelivered", async () => {
    await push({ [AGENDA]: agendaText("2030-03-11") });
    await push({ [AGENDA]: agendaText("2030-03-11", { cancelled: true }) });
    await world.standIn.webhooks.redeliver(lastDelivery(world.standIn, "push").id);
    await world.settle();
    expect(issue(1)).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(appComments(1)).toHaveLength(1);
    expect(appComments(1)[0]!.body).toContain("This meeting (2030-03-11) is cancelled");
    expect(issue(1).body).toContain("**This meeting is cancelled.**");
  });

  test("deleting the agenda file closes its issue with one comment", async () => {
    await push({ [AGENDA]: agendaText("2030-03-11") });
    await push({ [AGENDA]: null });
    expect(issue(1)).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(appComments(1).map((c) => c.body)).toEqual([expect.stringContaining("was deleted")]);
  });

  test.each([
    ["meetings/auth-ig/2030-11-04.md", "America/Los_Angeles", "2030-11-04 17:00 UTC"], // after the November 2030 change (Nov 3)
    ["meetings/auth-ig/2030-04-01.md", "Europe/Berlin", "2030-04-01 07:00 UTC"], // after Europe's March 2030 change (Mar 31)
    ["meetings/auth-ig/2030-10-28.md", "Europe/Berlin", "2030-10-28 08:00 UTC"], // after Europe's October 2030 change (Oct 27)
  ])("%s at 09:00 %s is %s in the issue", async (path, timezone, utc) => {
    const date = path.slice(-13, -3);
    await push({ [path]: agendaText(date, { timezone }) });
    expect(issue(1).body).toContain(`| **UTC** | ${utc} |`);
  });

  test("a marker pasted into someone else's issue is not trusted: the app opens its own and leaves that one alone", async () => {
    const pasted = "<!-- convener:meeting:auth-ig/2030-03-11 -->\n<!-- convener:meeting-end -->";
    world.standIn.control.seedIssue(REPO, "mallory", "fake", pasted, ["notes"]);
    await push({ [AGENDA]: agendaText("2030-03-11") });
    expect(listNotesIssues(world)).toHaveLength(2);
    expect(issue(1).body).toBe(pasted);
    expect(issue(2).title).toBe("[notes] Authorization meeting — 2030-03-11");
    expect(issue(2).user).toBe(BOT);
  });

  test("a push of more commits than the payload lists is compared, so no agenda is missed", async () => {
    // One `git push` of 21 commits is one delivery listing 20 of them; the control API pushes one
    // commit at a time, so those deliveries are held back and GitHub's one is built from them.
    const held = holdDeliveries(world.standIn, () => {
      alice().push({ [AGENDA]: agendaText("2030-03-11") }, "Agenda");
      for (let i = 0; i < 20; i++) alice().push({ "README.md": `# Hello ${i}\n` }, `Readme ${i}`);
    });
    const [first, ...rest] = held.map((d) => JSON.parse(d.body));
    const payload = { ...rest.at(-1), before: first.before, commits: rest.map((p) => p.commits[0]) };
    const from = world.standIn.requests.length;
    expect((await deliverPayload(world.standIn, "push", payload)).status).toBe(200);
    await world.settle();
    expect(world.standIn.requestsSince(from).filter((r) => r.path.includes("/compare/")).map((r) => r.path)).toEqual([
      `/repos/${REPO}/compare/${first.before}...${payload.after}`,
    ]);
    expect(listNotesIssues(world)).toHaveLength(1);
  });

  test("a malformed push payload (commits not a list, paths not strings) is handled without a crash", async () => {
    const [held] = holdDeliveries(world.standIn, () => alice().push({ [AGENDA]: agendaText("2030-03-11") }));
    const payload = JSON.parse(held!.body);
    // A handler that throws makes Probot answer 500: a 200 is the no-crash assertion.
    expect((await deliverPayload(world.standIn, "push", { ...payload, commits: { added: [AGENDA] } })).status).toBe(200);
    expect((await deliverPayload(world.standIn, "push", { ...payload, commits: [{ added: [42, null, { x: 1 }], modified: "nope" }] })).status).toBe(200);
    await world.settle();
    expect(listNotesIssues(world)).toHaveLength(0);
  });

  test("a meeting's issue older than the first page of notes issues is still found (no second issue)", async () => {
    await push({ [AGENDA]: agendaText("2030-03-11") });
    // GitHub's GraphQL pages hold 100 issues: a hundred newer notes issues push the meeting's to page two.
    for (let i = 0; i < 100; i++) world.standIn.control.seedIssue(REPO, "mallory", `[notes] other ${i}`, "notes by hand", ["notes"]);
    const from = world.standIn.requests.length;
    await push({ [AGENDA]: agendaText("2030-03-11", { body: "- Changed" }) });
    expect(listNotesIssues(world).filter((i) => i.user === BOT)).toHaveLength(1);
    expect(issue(1).body).toContain("- Changed");
    expect(world.standIn.requestsSince(from).filter((r) => r.operation === "MeetingFiles")).toHaveLength(2); // two pages
  });

  test("a push to another branch is ignored", async () => {
    const from = world.standIn.requests.length;
    await push({ [AGENDA]: agendaText("2030-03-11") }, "feature");
    expect(listNotesIssues(world)).toHaveLength(0);
    expect(world.standIn.requestsSince(from).filter((r) => r.path === "/graphql")).toHaveLength(0);
  });

  test.each([
    ["bad YAML", agendaText("2030-03-11").replace("topic: authorization", "topic: a: b"), "line 7: the front matter is not valid YAML"],
    ["---js front matter", "---js\n{ title: 'x' }\n---\n- a\n", "line 1: front matter must be YAML; `---js` blocks are refused and never run"],
    ["unknown group", null, "`nope-wg` (the folder name) is not a registered group tag"],
    ["PST", agendaText("2030-03-11", { timezone: "PST" }), "line 5: `timezone` must be an IANA zone name"],
    ["time 25:00", agendaText("2030-03-11", { time: "25:00" }), "line 4: `time` must be a 24-hour time"],
    ["missing date", agendaText("2030-03-11").replace("date: 2030-03-11\n", ""), "line 1: `date` is missing; it is required"],
    ["1 MB body", agendaText("2030-03-11", { body: "- x\n".repeat(262_144) }), "line 1: meetings/auth-ig/2030-03-11.md is 1,048,"],
  ])("malformed agenda (%s): one precise failing check run on the commit, no issue, no crash", async (_name, text, message) => {
    const path = text === null ? "meetings/nope-wg/2030-03-11.md" : AGENDA;
    const sha = await push({ [path]: text ?? agendaText("2030-03-11") });
    const delivery = lastDelivery(world.standIn, "push");
    expect(delivery.status).toBe(200);
    // config, registry, files + issues, the app's run on the commit, the report (a check run: no contents: write)
    expect(readTogether(requestsDuring(world.standIn, delivery).map(describeRequest))).toEqual([
      "GET /contents/.github%2Fconvener.yml", "POST MeetingFiles", "POST RegistryCharters", "POST PushAgendaRun", "POST ConvenerWrites",
    ]);
    await world.standIn.webhooks.redeliver(delivery.id);
    await world.settle();
    expect(listNotesIssues(world)).toHaveLength(0);
    const repo = world.standIn.control.repoOf(REPO);
    expect(repo.commitComments).toEqual([]);
    const runs = repo.checkRuns.filter((r) => r.name === "Meeting agenda");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ head_sha: sha, conclusion: "failure" });
    expect(runs[0]!.output.summary).toContain(message);
  });
});

describe("Meeting agenda check on pull requests (the stand-in's pull_request deliveries)", () => {
  test("a PR with a bad agenda gets a failing check with annotations at the lines", async () => {
    const pull = alice().openPullRequest("Agendas", "", { [AGENDA]: agendaText("2030-03-11", { time: "25:00" }), "meetings/auth-ig/2030-03-18.md": agendaText("2030-03-18") });
    await world.settle();
    const runs = world.standIn.control.repoOf(REPO).checkRuns.filter((r) => r.name === "Meeting agenda");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ head_sha: pull.pull!.headSha, conclusion: "failure" });
    expect(runs[0]!.annotations).toEqual([
      expect.objectContaining({ path: AGENDA, start_line: 4, annotation_level: "failure", message: expect.stringContaining("`time` must be a 24-hour time") }),
      expect.objectContaining({ path: "meetings/auth-ig/2030-03-18.md", annotation_level: "notice", message: expect.stringContaining("= 2030-03-18 16:00 UTC") }),
    ]);
    expect(listNotesIssues(world)).toHaveLength(0);
    const during = requestsDuring(world.standIn, lastDelivery(world.standIn, "pull_request", "opened"));
    // One read of the PR for every feature, the agenda texts in it (the branch's push named the
    // files), then the registry.
    expect(during.flatMap((r) => (r.operation && !r.write ? [r.operation] : [])).sort()).toEqual(["PullFacts", "RegistryCharters"]);
    expect(during.filter((r) => r.write).map(describeRequest)).toEqual(["POST ConvenerWrites"]); // the check run: a GraphQL createCheckRun
  });
});

describe("logging", () => {
  test("an invalid agenda is logged with its file, line and message", async () => {
    await world.stop();
    const { log, lines } = createMemoryLog();
    world = await startMeetingsWorld({ clock: () => NOW, log });
    await push({ [AGENDA]: agendaText("2030-03-11", { timezone: "PST" }) });
    const line = lines.find((l) => l.msg === "invalid agenda files: no notes issue opened or changed for them");
    expect(line).toMatchObject({ problems: [{ path: AGENDA, line: 5, message: expect.stringContaining("IANA zone") }] });
  });
});

/** A push's request log with its second and third requests (the registry and the files, sent together) in a fixed order. */
function readTogether(log: string[]): string[] {
  return [...log.slice(0, 1), ...log.slice(1, 3).sort(), ...log.slice(3)];
}

describe("meetings.pushProblems: comment (a community that wants the commit comment, with contents: write)", () => {
  test("a malformed agenda gets one commit comment instead of the check run, once across a redelivery", async () => {
    await world.stop();
    world = await startMeetingsWorld({ clock: () => NOW, config: "meetings:\n  noticeDays: 7\n  pushProblems: comment\n" });
    const sha = await push({ [AGENDA]: agendaText("2030-03-11", { timezone: "PST" }) });
    const delivery = lastDelivery(world.standIn, "push");
    expect(readTogether(requestsDuring(world.standIn, delivery).map(describeRequest))).toEqual([
      "GET /contents/.github%2Fconvener.yml", "POST MeetingFiles", "POST RegistryCharters", `GET /commits/${sha}/comments`, `POST /commits/${sha}/comments`,
    ]);
    await world.standIn.webhooks.redeliver(delivery.id);
    await world.settle();
    const repo = world.standIn.control.repoOf(REPO);
    expect(repo.checkRuns).toEqual([]);
    expect(repo.commitComments).toHaveLength(1);
    expect(repo.commitComments[0]!.body).toContain("line 5: `timezone` must be an IANA zone name");
  });
});
