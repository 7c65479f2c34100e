import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { MeetingsGitHub } from "../support/meetings-github.js";
import { createCoreProbot } from "../support/core-probot.js";
import { createTestProbot, type TestProbot } from "../support/probot.js";

const AGENDA = "meetings/auth-ig/2030-03-11.md";
/** Weeks before the meetings below: they are upcoming whatever today's date. */
const NOW = new Date("2030-01-15T12:00:00Z");

let app: TestProbot;
let github: MeetingsGitHub;

beforeEach(async () => {
  nock.disableNetConnect();
  clearRegistryCache();
  github = new MeetingsGitHub();
  app = await createTestProbot({ clock: () => NOW });
});

afterEach(() => {
  nock.cleanAll();
});

const deliver = (payload: unknown, id = String(Math.random())) => app.probot.receive({ id, name: "push", payload } as never);

describe("meetings on push (real push payload, nock)", () => {
  test("a push adding an agenda opens one issue with the title, labels and body, in at most 6 requests", async () => {
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }));
    expect(github.issues).toHaveLength(1);
    const issue = github.issues[0]!;
    expect(issue.title).toBe("[notes] Authorization meeting — 2030-03-11");
    expect(issue.labels).toEqual(["notes", "auth-ig"]);
    // 09:00 in Los Angeles the day after the March 2030 DST change is 16:00 UTC.
    expect(issue.body).toContain("| **UTC** | 2030-03-11 16:00 UTC |");
    expect(issue.body).toContain("- Review of SEP-1234");
    expect(issue.body).toContain(`/blob/${github.branch.head}/${AGENDA}`);
    expect(issue.body).toContain("## Attendees");
    expect(app.requests.length).toBeLessThanOrEqual(6);
    expect(app.requests.map((r) => `${r.method} ${r.url.replace(/^https:\/\/api\.github\.com/, "").split("?")[0]}`)).toEqual([
      "GET /repos/{owner}/{repo}/contents/{path}", // .github/convener.yml
      "POST /graphql", // registry
      "POST /graphql", // agenda file + notes issues + commit comments
      "GET /repos/Codertocat/Hello-World/issues", // applyPlan's re-check of the marker before opening
      "POST /repos/{owner}/{repo}/issues",
      "GET /repos/Codertocat/Hello-World/issues", // the de-dupe after it: a racing twin opened first?
    ]);
  });

  test("the same push delivered twice opens one issue", async () => {
    const payload = github.push({ [AGENDA]: agendaText("2030-03-11") });
    await deliver(payload, "d1");
    await deliver(payload, "d1");
    expect(github.issues).toHaveLength(1);
  });

  test("a second push changing the agenda edits only the app block; the human Notes survive", async () => {
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }));
    github.editBody(1, (b) => b.replace("## Notes\n", "## Notes\n\nAlice: we agreed to ship the draft.\n"));
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11", { body: "- Only one item now" }) }));
    expect(github.issues).toHaveLength(1);
    const body = github.issue(1).body;
    expect(body).toContain("- Only one item now");
    expect(body).not.toContain("Review of SEP-1234");
    expect(body).toContain("## Notes\n\nAlice: we agreed to ship the draft.\n");
  });

  test("people's text around the block survives byte for byte, even with the web editor's CRLF line ends", async () => {
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }));
    // Saving the issue in GitHub's web editor turns every line end into CRLF; people write above and below.
    github.editBody(1, (b) => "Pinned: bring coffee ☕ $& $1\r\n\r\n" + b.replace(/\n/g, "\r\n").replace("## Notes\r\n", "## Notes\r\n\r\nAlice: ship it.\r\n"));
    const edited = github.issue(1).body;
    const END = "<!-- convener:meeting-end -->";
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11", { body: "- Only one item now" }) }));
    const body = github.issue(1).body;
    expect(body).toContain("- Only one item now");
    expect(body.slice(0, body.indexOf("<!-- convener:meeting:"))).toBe(edited.slice(0, edited.indexOf("<!-- convener:meeting:")));
    expect(body.slice(body.indexOf(END))).toBe(edited.slice(edited.indexOf(END)));
  });

  test("a cancelled meeting is closed as not planned with one comment, even when redelivered", async () => {
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }));
    const cancel = github.push({ [AGENDA]: agendaText("2030-03-11", { cancelled: true }) });
    await deliver(cancel);
    await deliver(cancel);
    const issue = github.issue(1);
    expect(issue).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toContain("This meeting (2030-03-11) is cancelled");
    expect(issue.body).toContain("**This meeting is cancelled.**");
  });

  test("deleting the agenda file closes its issue with one comment", async () => {
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }));
    await deliver(github.push({ [AGENDA]: null }));
    expect(github.issue(1)).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(github.issue(1).comments).toEqual([expect.stringContaining("was deleted")]);
  });

  test.each([
    ["meetings/auth-ig/2030-11-04.md", "America/Los_Angeles", "2030-11-04 17:00 UTC"], // after the November 2030 change (Nov 3)
    ["meetings/auth-ig/2030-04-01.md", "Europe/Berlin", "2030-04-01 07:00 UTC"], // after Europe's March 2030 change (Mar 31)
    ["meetings/auth-ig/2030-10-28.md", "Europe/Berlin", "2030-10-28 08:00 UTC"], // after Europe's October 2030 change (Oct 27)
  ])("%s at 09:00 %s is %s in the issue", async (path, timezone, utc) => {
    const date = path.slice(-13, -3);
    await deliver(github.push({ [path]: agendaText(date, { timezone }) }));
    expect(github.issue(1).body).toContain(`| **UTC** | ${utc} |`);
  });

  test("a marker pasted into someone else's issue is not trusted: the app opens its own and leaves that one alone", async () => {
    github.addHumanIssue("fake", "<!-- convener:meeting:auth-ig/2030-03-11 -->\n<!-- convener:meeting-end -->", ["notes"]);
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }));
    expect(github.issues).toHaveLength(2);
    expect(github.issue(1).body).toBe("<!-- convener:meeting:auth-ig/2030-03-11 -->\n<!-- convener:meeting-end -->");
    expect(github.issue(2).title).toBe("[notes] Authorization meeting — 2030-03-11");
  });

  test("a push of more commits than the payload lists is compared, so no agenda is missed", async () => {
    const payload = github.push({ [AGENDA]: agendaText("2030-03-11") });
    payload.before = "c".repeat(40);
    payload.commits = Array.from({ length: 20 }, (_, i) => ({ ...payload.commits[0], id: String(i).padStart(40, "0"), added: [], modified: ["README.md"], removed: [] }));
    nock("https://api.github.com").get(`/repos/Codertocat/Hello-World/compare/${"c".repeat(40)}...${payload.after}`).reply(200, { files: [{ filename: AGENDA }] });
    await deliver(payload);
    expect(github.issues).toHaveLength(1);
  });

  test("a malformed push payload (commits not a list, paths not strings) is handled without a crash", async () => {
    const payload = github.push({ [AGENDA]: agendaText("2030-03-11") });
    // probot.receive rejects when a handler throws: awaiting it is the no-crash assertion.
    await deliver({ ...payload, commits: { added: [AGENDA] } });
    await deliver({ ...payload, commits: [{ added: [42, null, { x: 1 }], modified: "nope" }] });
    expect(github.issues).toHaveLength(0);
  });

  test("a meeting's issue older than the first page of notes issues is still found (no second issue)", async () => {
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }));
    for (let i = 0; i < 5; i++) github.addHumanIssue(`[notes] other ${i}`, "notes by hand", ["notes"]);
    github.pageSize = 2;
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11", { body: "- Changed" }) }));
    expect(github.issues.filter((i) => i.author.type === "Bot")).toHaveLength(1);
    expect(github.issue(1).body).toContain("- Changed");
    expect(github.queries.filter((q) => q === "MeetingFiles")).toHaveLength(1 + 3); // first push, then three pages
  });

  test("a push to another branch is ignored", async () => {
    await deliver(github.push({ [AGENDA]: agendaText("2030-03-11") }, "refs/heads/feature"));
    expect(github.issues).toHaveLength(0);
    expect(app.requests.filter((r) => r.url.endsWith("/graphql"))).toHaveLength(0);
  });

  test.each([
    ["bad YAML", agendaText("2030-03-11").replace("topic: authorization", "topic: a: b"), "line 7: the front matter is not valid YAML"],
    ["---js front matter", "---js\n{ title: 'x' }\n---\n- a\n", "line 1: front matter must be YAML; `---js` blocks are refused and never run"],
    ["unknown group", null, "`nope-wg` (the folder name) is not a registered group tag"],
    ["PST", agendaText("2030-03-11", { timezone: "PST" }), "line 5: `timezone` must be an IANA zone name"],
    ["time 25:00", agendaText("2030-03-11", { time: "25:00" }), "line 4: `time` must be a 24-hour time"],
    ["missing date", agendaText("2030-03-11").replace("date: 2030-03-11\n", ""), "line 1: `date` is missing; it is required"],
    ["1 MB body", agendaText("2030-03-11", { body: "- x\n".repeat(262_144) }), "line 1: the file is 1048"],
  ])("malformed agenda (%s): one precise commit comment, no issue, no crash", async (_name, text, message) => {
    const path = text === null ? "meetings/nope-wg/2030-03-11.md" : AGENDA;
    const payload = github.push({ [path]: text ?? agendaText("2030-03-11") });
    await deliver(payload);
    expect(app.requests.length).toBeLessThanOrEqual(5); // config, registry, files + issues, the commit's comments, the report
    await deliver(payload);
    expect(github.issues).toHaveLength(0);
    expect(github.commitComments).toHaveLength(1);
    expect(github.commitComments[0]!.sha).toBe(payload.after);
    expect(github.commitComments[0]!.body).toContain(message);
  });
});

describe("Meeting agenda check on pull requests (real pull_request payload, nock)", () => {
  test("a PR with a bad agenda gets a failing check with annotations at the lines, in 5 requests", async () => {
    const payload = github.openPull({ [AGENDA]: agendaText("2030-03-11", { time: "25:00" }), "meetings/auth-ig/2030-03-18.md": agendaText("2030-03-18") });
    await app.probot.receive({ id: "pr1", name: "pull_request", payload } as never);
    expect(github.checkRuns).toHaveLength(1);
    const run = github.checkRuns[0];
    expect(run).toMatchObject({ name: "Meeting agenda", head_sha: "b".repeat(40), conclusion: "failure" });
    expect(run.output.annotations).toEqual([
      expect.objectContaining({ path: AGENDA, start_line: 4, annotation_level: "failure", message: expect.stringContaining("`time` must be a 24-hour time") }),
      expect.objectContaining({ path: "meetings/auth-ig/2030-03-18.md", annotation_level: "notice", message: expect.stringContaining("= 2030-03-18 16:00 UTC") }),
    ]);
    expect(github.issues).toHaveLength(0);
    // Other features (the SEP check) read the same PR; the meetings feature's own reads:
    expect(github.queries.filter((q) => q.startsWith("Meeting") || q.startsWith("Registry"))).toEqual(["MeetingPullRequest", "RegistryCharters", "MeetingFiles"]);
    const writes = app.requests.filter((r) => r.method !== "GET" && !r.url.endsWith("/graphql"));
    expect(writes).toEqual([{ method: "POST", url: "/repos/{owner}/{repo}/check-runs" }]);
  });
});

describe("logging", () => {
  test("an invalid agenda is logged with its file, line and message", async () => {
    const { probot, logs } = await createCoreProbot();
    await probot.receive({ id: "log1", name: "push", payload: github.push({ [AGENDA]: agendaText("2030-03-11", { timezone: "PST" }) }) } as never);
    const line = logs.find((l) => l.msg === "invalid agenda files: no notes issue opened or changed for them");
    expect(line).toMatchObject({ problems: [{ path: AGENDA, line: 5, message: expect.stringContaining("IANA zone") }] });
  });
});
