import { afterAll, afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import ical from "node-ical";
import { Probot, ProbotOctokit } from "probot";
import convener from "../../src/index.js";
import { clearInstallationCache } from "../../src/features/calendar/routes.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import type { RouteHandler } from "../../src/http/route-handler.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { MeetingsGitHub } from "../support/meetings-github.js";

let github: MeetingsGitHub;
let probot: Probot;
let server: Server;
let base: string;
let requests: string[];
/** Before the meetings below, so pushing their agendas opens their notes issues whatever today's date. */
const NOW = new Date("2030-01-15T12:00:00Z");

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  clearRegistryCache();
  clearInstallationCache();
  github = new MeetingsGitHub();
  requests = [];
  const Recording = ProbotOctokit.plugin((octokit: any) => {
    octokit.hook.before("request", (o: { method: string; url: string }) => void requests.push(`${o.method} ${o.url}`));
  });
  const Octokit = Recording.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  const saved = { ...process.env };
  Object.assign(process.env, { APP_ID: "1", APP_SLUG: "convener", CALENDAR_REPOS: "Codertocat/Hello-World" });
  const handlers: RouteHandler[] = [];
  probot = new Probot({ githubToken: "test", Octokit: Octokit as typeof ProbotOctokit, logLevel: "fatal" as any });
  await probot.load((app) => convener(app, { addHandler: (h: RouteHandler) => void handlers.push(h), clock: () => NOW } as never));
  process.env = saved;
  server = createServer(async (req, res) => {
    for (const handler of handlers) if (await handler(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  nock.cleanAll();
});

afterAll(() => nock.enableNetConnect());

const push = (changes: Record<string, string | null>) => probot.receive({ id: String(Math.random()), name: "push", payload: github.push(changes) } as never);

describe("GET /convener/calendar.ics", () => {
  test("serves the meetings of CALENDAR_REPOS, with the notes issue as URL, and answers If-None-Match with 304", async () => {
    await push({ "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11"), "meetings/security-ig/2030-11-04.md": agendaText("2030-11-04", { topic: "security" }) });
    const first = await fetch(`${base}/convener/calendar.ics`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const etag = first.headers.get("etag")!;
    const events = Object.values(ical.sync.parseICS(await first.text())).filter((c): c is ical.VEvent => c?.type === "VEVENT");
    expect(events.map((e) => [e.start.toISOString(), e.categories, e.summary])).toEqual([
      ["2030-03-11T16:00:00.000Z", ["authorization", "auth-ig"], "Auth IG weekly"],
      ["2030-11-04T17:00:00.000Z", ["security", "security-ig"], "Auth IG weekly"],
    ]);
    const url: unknown = events[0]!.url;
    expect(typeof url === "string" ? url : (url as { val: string }).val).toBe("https://github.com/Codertocat/Hello-World/issues/1");

    const reads = github.calendarReads;
    const again = await fetch(`${base}/convener/calendar.ics`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(github.calendarReads).toBe(reads); // served from the cache
  });

  test("a group's feed lists only that group; an unknown tag shape is 404", async () => {
    await push({ "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11"), "meetings/security-ig/2030-11-04.md": agendaText("2030-11-04") });
    const text = await (await fetch(`${base}/convener/calendar/security-ig.ics`)).text();
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain("CATEGORIES:authorization,security-ig");
    expect((await fetch(`${base}/convener/calendar/Bad%20Tag.ics`)).status).toBe(404);
    expect((await fetch(`${base}/convener/calendar/%E0%A4%A.ics`)).status).toBe(404); // a malformed escape
  });

  test("a push that touches no agenda, config or charter keeps the cache", async () => {
    await push({ "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11") });
    await fetch(`${base}/convener/calendar.ics`);
    const reads = github.calendarReads;
    await push({ "README.md": "# Hello\n" });
    await fetch(`${base}/convener/calendar.ics`);
    expect(github.calendarReads).toBe(reads);
  });

  test("a push to the agenda refreshes the cache: new content, new ETag; cancelled → STATUS:CANCELLED", async () => {
    await push({ "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11") });
    const first = await fetch(`${base}/convener/calendar.ics`);
    const etag = first.headers.get("etag")!;
    await push({ "meetings/auth-ig/2030-03-11.md": agendaText("2030-03-11", { cancelled: true }) });
    const second = await fetch(`${base}/convener/calendar.ics`, { headers: { "if-none-match": etag } });
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).not.toBe(etag);
    expect(await second.text()).toContain("STATUS:CANCELLED");
  });

  test("reading a repository for the feed costs a handful of requests, once per change; a failed read serves the last good feed", async () => {
    github.files.set("meetings/auth-ig/2030-03-11.md", agendaText("2030-03-11"));
    requests.length = 0;
    await fetch(`${base}/convener/calendar.ics`);
    await fetch(`${base}/convener/calendar.ics`);
    expect(requests.map((r) => r.replace(/^\w+ https:\/\/api\.github\.com/, (m) => m.split(" ")[0]! + " ").split("?")[0])).toEqual([
      "GET /app/installations", // once per owner, then remembered
      "GET /repos/{owner}/{repo}/contents/{path}", // .github/convener.yml
      "POST /graphql", // registry
      "POST /graphql", // agenda files + notes issues
    ]);

    const good = await (await fetch(`${base}/convener/calendar.ics`)).text();
    github.calendarDown = true;
    await push({ "meetings/auth-ig/2030-03-18.md": agendaText("2030-03-18") });
    const during = await fetch(`${base}/convener/calendar.ics`);
    expect(during.status).toBe(200);
    expect(await during.text()).toBe(good);
  });
});
