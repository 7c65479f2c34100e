import { afterAll, describe, expect, test } from "@jest/globals";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Snapshot {
  memo: Record<string, number>;
  issues: { number: number; title: string; user: string; state: string; labels: string[]; pull: boolean; headSha: string | null; comments: { id: number; user: string; body: string }[] }[];
  checkRuns: { name: string; headSha: string; conclusion: string | null; annotations: number }[];
  deliveries: { event: string; action: string | null; status: number | null; error: string | null }[];
}

/**
 * `npm run demo` in its non-interactive mode (`--once`), as CI runs it. The demo's story drives each
 * feature's main path through the real server and the stand-in; the timeline it prints and the state
 * it leaves behind (written to DEMO_STATE_FILE) are both checked here.
 */
describe("npm run demo --once: every feature's main path end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "convener-demo-"));
  let output = "";
  let state: Snapshot;
  const bot = "convener[bot]";
  const issue = (n: number) => state.issues.find((i) => i.number === n)!;
  const appComments = (n: number) => issue(n).comments.filter((c) => c.user === bot);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("plays the story, prints the timeline and exits 0", async () => {
    const root = join(import.meta.dirname ?? process.cwd(), "..", "..");
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DEMO_STATE_FILE: join(dir, "state.json") };
    const child = spawn(process.execPath, ["sandbox/lib/demo/main.js", "--once"], { cwd: root, env });
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect({ code, tail: code === 0 ? "" : output.slice(-3000) }).toEqual({ code: 0, tail: "" });
    state = JSON.parse(readFileSync(env.DEMO_STATE_FILE, "utf8"));
    expect(output).toMatch(/GitHub stand-in: http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/Convener: +http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/Governance page: http:\/\/127\.0\.0\.1:\d+\/convener\/modelcontextprotocol\/modelcontextprotocol\//);
    expect(output).toMatch(/@ada opens a Working Group request/);
    expect(output).toMatch(/convener\[bot\] comments on #2: "This Working Group request needs changes"/);
    expect(output).toMatch(/\(0 not answered 2xx\)/);
  }, 150_000);

  test("intake: one comment naming the mistakes, edited in place to 'ready' after the fix", () => {
    const n = state.memo.request!;
    const comments = appComments(n).filter((c) => c.body.includes("convener:intake"));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/ready for moderator review/);
    expect(output).toMatch(/`@nobody-here-2026`|needs changes/);
    expect(output).toMatch(/convener\[bot\] updates its comment on #2: "✅ This Working Group request is ready for moderator review"/);
  });

  test("decisions: a non-moderator's /vote is refused, the moderators' vote passes at the 72-hour sweep", () => {
    const n = state.memo.request!;
    expect(appComments(n).some((c) => /only the community moderators/.test(c.body))).toBe(true);
    expect(issue(n).labels).toEqual(expect.arrayContaining(["group-request", "working-group", "group/ready", "vote/passed", "group/approved"]));
    expect(issue(n).labels).not.toContain("vote/open");
    expect(appComments(n).filter((c) => /vote passed/.test(c.body))).toHaveLength(1);
  });

  test("retirement: the sweep opens a review only for the WG with nothing open (Agents)", () => {
    const reviews = state.issues.filter((i) => i.user === bot && i.title.startsWith("[retirement]"));
    expect(reviews.map((i) => i.title)).toEqual(["[retirement] Agents"]);
    expect(reviews[0]!.labels).toContain("agents-wg");
  });

  test("SEP check and SEP ↔ WG link: failing check with annotations, then passing; WG label and one comment", () => {
    const pr = issue(state.memo.sepPull!);
    expect(pr.labels).toContain("transports-wg");
    expect(appComments(pr.number)).toHaveLength(1);
    const runs = state.checkRuns.filter((r) => r.name === "SEP metadata");
    expect(runs.map((r) => r.conclusion)).toEqual(["failure", "success"]);
    expect(runs[0]!.annotations).toBeGreaterThan(0);
    expect(runs[1]!.headSha).toBe(pr.headSha);
  });

  test("meetings: one [notes] issue per agenda; the late one gets the 7-day warning", () => {
    const notes = state.issues.filter((i) => i.user === bot && i.title.startsWith("[notes]"));
    expect(notes.map((i) => i.title.replace(/\d{4}-\d\d-\d\d/, "DATE"))).toEqual(["[notes] Transports meeting — DATE", "[notes] Agents meeting — DATE"]);
    expect(notes[0]!.labels).toEqual(expect.arrayContaining(["notes", "transports-wg"]));
    expect(appComments(notes[0]!.number)).toHaveLength(0);
    expect(appComments(notes[1]!.number).map((c) => c.body)).toEqual([expect.stringMatching(/at least 7 days in advance/)]);
  });

  test("every delivery of the story was answered 2xx", () => {
    expect(state.deliveries.length).toBeGreaterThan(20);
    expect(state.deliveries.filter((d) => d.status === null || d.status >= 300 || d.error)).toEqual([]);
  });
});
