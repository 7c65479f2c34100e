import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import convener from "../../src/index.js";
import { runRetirementSweep } from "../../sandbox/src/bench/retirement-harness.js";
import type { RetirementWorld, WorldIssue } from "../support/retirement-world.js";
import { configSchema } from "../../src/features/config-schema.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { nockConfig } from "../support/github-nock.js";
import { createTestProbot, type TestProbot } from "../support/probot.js";
import { nockRetirementWorld } from "../support/retirement-nock.js";
import { human, OWNER, REPO, testOctokit, worldWithCharters } from "../support/retirement-world-setup.js";
import { examplePayload } from "../support/webhooks.js";

const IDENTITY = { appId: 1, login: "convener[bot]" };
const DAY = 86_400_000;
const CONFIG_YAML = `roles:
  moderators: [mod-mia]
  maintainers: [maint-max]
  coreMaintainers: [core-cora]
  leadMaintainers: [lead-leo]
`;
const config = configSchema.parse({ roles: { moderators: ["mod-mia"], maintainers: ["maint-max"], coreMaintainers: ["core-cora"], leadMaintainers: ["lead-leo"] } });

describe("/keep-active and /retire on a review issue (probot.receive, real issue_comment payloads)", () => {
  let now: Date;
  let world: RetirementWorld;
  let app: TestProbot;
  let review: WorldIssue;
  let commentId = 5000;

  const sweep = () => runRetirementSweep(testOctokit().octokit, { owner: OWNER, repo: REPO }, config, IDENTITY, now);

  function commentEvent(body: string, login: string, id = commentId++) {
    const payload = examplePayload("issue_comment", "created");
    payload.repository.owner.login = OWNER;
    payload.repository.name = REPO;
    payload.repository.full_name = `${OWNER}/${REPO}`;
    Object.assign(payload.issue, {
      number: review.number, title: review.title, body: review.body, state: review.state,
      user: { login: "convener[bot]", type: "Bot" }, performed_via_github_app: { id: 1, slug: "convener" },
    });
    delete payload.issue.pull_request;
    Object.assign(payload.comment, { id, body, user: { login, type: "User" }, created_at: now.toISOString(), updated_at: now.toISOString() });
    world.addEvent(review.number, { type: "IssueComment", actor: human(login), body, id, at: now.toISOString() });
    return { id: `delivery-${id}`, name: "issue_comment" as const, payload };
  }

  // The leads comment the review opened with is not a reply to a command.
  const appComments = () => world.comments(review.number).filter((c) => c.actor.login === "convener[bot]" && !c.body?.includes("convener:retirement-leads"));

  beforeEach(async () => {
    nock.disableNetConnect();
    clearRegistryCache();
    now = new Date("2026-11-24T12:00:00Z");
    world = worldWithCharters(() => now, { wg: ["server-card"] });
    world.addIssue({ number: 2127, title: "SEP-2127: MCP Server Card", isPull: true, labels: ["server-card-wg"], author: human("dsp-ant"), createdAt: new Date(now.getTime() - 60 * DAY).toISOString() });
    nockRetirementWorld(world);
    nockConfig(OWNER, REPO, CONFIG_YAML, 50);
    await sweep();
    review = [...world.issues.values()].find((i) => i.title === "[retirement] Server Card")!;
    app = await createTestProbot({ clock: () => now });
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test("a moderator's /keep-active snoozes the review; the sweep stays quiet, then says once that the snooze ended", async () => {
    await app.probot.receive(commentEvent("Still working on it.\n/keep-active 14 waiting for the Tier-1 SDK release", "mod-mia") as any);
    expect(appComments()).toHaveLength(1);
    expect(appComments()[0]!.body).toContain("keeps the Server Card Working Group active until **2026-12-08** (14 days). Reason: waiting for the Tier-1 SDK release");
    expect(review.state).toBe("open");

    now = new Date(now.getTime() + 7 * DAY);
    expect(await sweep()).toEqual([]);
    now = new Date(now.getTime() + 8 * DAY);
    expect((await sweep()).map((a) => a.kind)).toEqual(["comment.create"]);
    expect(appComments().at(-1)!.body).toContain("The snooze requested by @\u200dmod-mia ended on 2026-12-08");
    expect(await sweep()).toEqual([]);
    expect(appComments()).toHaveLength(2);
  });

  test("a /keep-active handled days late counts its days from the comment's created_at, not the app's clock", async () => {
    const event = commentEvent("/keep-active 14 waiting for the Tier-1 SDK release", "maint-max");
    now = new Date(now.getTime() + 3 * DAY);
    await app.probot.receive(event as any);
    expect(appComments()[0]!.body).toContain("until **2026-12-08** (14 days)");
  });

  test("an unauthorised /keep-active gets one reply and changes nothing, also when redelivered", async () => {
    const event = commentEvent("/keep-active 30 we are busy", "random-rita");
    await app.probot.receive(event as any);
    await app.probot.receive(event as any);
    expect(appComments()).toHaveLength(1);
    expect(appComments()[0]!.body).toContain("`/keep-active` can only be used by community moderators, maintainers, core maintainers or lead maintainers. Nothing was changed.");
    expect(review.labels).toEqual(["group/retirement-candidate", "server-card-wg"]);
    expect(review.state).toBe("open");
  });

  test("a bad /keep-active gets a precise reply", async () => {
    await app.probot.receive(commentEvent("/keep-active soon because reasons", "maint-max") as any);
    await app.probot.receive(commentEvent("/keep-active 400 a long time", "maint-max") as any);
    await app.probot.receive(commentEvent("/keep-active 30", "maint-max") as any);
    const bodies = appComments().map((c) => c.body);
    expect(bodies[0]).toContain("the number of days must be a whole number, not `soon`.");
    expect(bodies[1]).toContain("the number of days must be from 1 to 180, not 400.");
    expect(bodies[2]).toContain("a reason is required");
    expect(await sweep()).toEqual([]); // still flagged, no snooze recorded: nothing to do
  });

  test("/retire by a moderator is refused; by a core maintainer it labels, records and closes; the group is not reviewed again", async () => {
    await app.probot.receive(commentEvent("/retire", "mod-mia") as any);
    expect(appComments()[0]!.body).toContain("`/retire` can only be used by core maintainers or lead maintainers.");
    expect(review.state).toBe("open");

    const event = commentEvent("/retire", "core-cora");
    await app.probot.receive(event as any);
    await app.probot.receive(event as any); // redelivery: no second reply
    expect(appComments()).toHaveLength(2);
    expect(appComments()[1]!.body).toContain("@\u200dcore-cora decided to retire the Server Card Working Group on 2026-11-24");
    expect(review.labels).toEqual(["server-card-wg", "group/retired"]);
    expect(review.state).toBe("closed");

    now = new Date(now.getTime() + 60 * DAY);
    expect(await sweep()).toEqual([]);
    expect([...world.issues.values()].filter((i) => i.title.startsWith("[retirement]"))).toHaveLength(1);
  });

  test("with openCharterPr, /retire also proposes `status: retired` in the charter, once", async () => {
    nock.cleanAll();
    nockRetirementWorld(world);
    nockConfig(OWNER, REPO, `${CONFIG_YAML}retirement:\n  openCharterPr: true\n`, 20);
    const event = commentEvent("/retire", "lead-leo");
    await app.probot.receive(event as any);
    await app.probot.receive(event as any);
    expect(world.pulls).toHaveLength(1);
    expect(world.pulls[0]).toMatchObject({ title: "Retire the Server Card Working Group", head: "convener/retire-server-card-wg", base: "main" });
    const changed = world.branches.get("convener/retire-server-card-wg")!.get("docs/community/working-groups/server-card.mdx")!;
    const original = world.charters.get("docs/community/working-groups/server-card.mdx")!;
    expect(changed).toMatch(/^---\n[\s\S]*\nstatus: retired\n---\n/);
    expect(changed.slice(changed.indexOf("\n---\n", 3))).toBe(original.slice(original.indexOf("\n---\n", 3)));
    expect(appComments()[0]!.body).toContain("Convener opens a pull request that sets `status: retired` in `docs/community/working-groups/server-card.mdx`.");
    expect(review.labels).toEqual(["server-card-wg", "group/retired"]);
  });

  test("a command named like an Object property (/constructor) is no retirement command and crashes nothing", async () => {
    // The dispatcher catches a feature's crash and logs it: read that log.
    const lines: string[] = [];
    const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
    const probot = new Probot({ githubToken: "test", Octokit: Octokit as typeof ProbotOctokit, log: pino({ level: "error" }, { write: (l: string) => void lines.push(l) }) as any });
    const saved = { ...process.env };
    Object.assign(process.env, { APP_ID: "1", APP_SLUG: "convener" });
    await probot.load((a) => convener(a, { addHandler: () => {} }));
    process.env = saved;
    await probot.receive(commentEvent("/constructor 30 keep it", "core-cora") as any);
    expect(lines.filter((l) => l.includes("retirement"))).toEqual([]);
    expect(appComments().filter((c) => (c.body ?? "").includes("retirement-"))).toHaveLength(0);
    expect(review.state).toBe("open");
  });

  test("a command quoted or in a code block is not a command", async () => {
    await app.probot.receive(commentEvent("> /retire\n\n```\n/retire\n```", "core-cora") as any);
    expect(appComments()).toHaveLength(0);
    expect(review.state).toBe("open");
  });
});
