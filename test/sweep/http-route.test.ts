import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { forgetAllLabelIds } from "../../src/core/label-ids.js";
import { forgetAllWriteIds } from "../../src/core/write-ids.js";
import { ProbotOctokit, type Probot } from "probot";
import { silentLog } from "../../src/core/log.js";
import { StandIn } from "../../sandbox/src/stand-in.js";
import { createSweepRoute, isSameToken } from "../../src/sweep/http-route.js";
import { parseInterval, startSweepSchedule } from "../../src/sweep/schedule.js";
import { FULL_NAME, createStandInAuth, seedDecisionsRepo, standInClock } from "../support/decisions-stand-in.js";

const Octokit = ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
let standIn: StandIn;

interface Reply {
  status?: number;
  body?: any;
}

async function call(env: NodeJS.ProcessEnv, request: { method?: string; url?: string; authorization?: string }): Promise<{ handled: boolean; reply: Reply }> {
  const reply: Reply = {};
  const res = {
    writeHead(status: number) {
      reply.status = status;
      return res;
    },
    end(text: string) {
      reply.body = JSON.parse(text);
    },
  };
  const req = { method: request.method ?? "POST", url: request.url ?? "/convener/sweep", headers: request.authorization ? { authorization: request.authorization } : {} };
  // The route needs only Probot's `auth` and `log`: here they reach the stand-in.
  const app = { auth: createStandInAuth(standIn), log: silentLog } as unknown as Probot;
  const handled = await createSweepRoute(app, { APP_SLUG: "convener", ...env }, standInClock(() => standIn))(req as any, res as any);
  return { handled, reply };
}

describe("POST /convener/sweep", () => {
  beforeEach(async () => {
    // No app behind it: the sweep is the only client, and the route's answers are what is tested.
    standIn = await StandIn.start({ webhookSecret: "unused" });
    // The sweep's node-id directories outlive a stand-in; each new one numbers its objects afresh.
    forgetAllLabelIds();
    forgetAllWriteIds();
    seedDecisionsRepo(standIn);
  });
  afterEach(async () => {
    await standIn?.close();
  });

  test("is not there (404 from Probot) while SWEEP_TOKEN is unset", async () => {
    expect((await call({}, { authorization: "Bearer anything" })).handled).toBe(false);
  });

  test("other paths are left to other routes", async () => {
    expect((await call({ SWEEP_TOKEN: "s3cret" }, { url: "/ping" })).handled).toBe(false);
  });

  test("401 without a bearer token, 403 with a wrong one, 405 for GET; nothing is swept", async () => {
    const env = { SWEEP_TOKEN: "s3cret" };
    expect((await call(env, {})).reply.status).toBe(401);
    expect((await call(env, { authorization: "Basic czNjcmV0" })).reply.status).toBe(401);
    expect((await call(env, { authorization: "Bearer s3cre" })).reply.status).toBe(403);
    expect((await call(env, { method: "GET", authorization: "Bearer s3cret" })).reply.status).toBe(405);
    expect(standIn.requests).toEqual([]);
  });

  test("with the token it sweeps and answers with the report", async () => {
    // The repository has opted in and holds no work: every job reads it and plans nothing.
    const { reply } = await call({ SWEEP_TOKEN: "s3cret" }, { authorization: "Bearer s3cret" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ confirm: true, planned: 0, applied: 0, left: 0 });
    expect(reply.body.repositories).toEqual([expect.objectContaining({ repo: FULL_NAME, errors: [] })]);
    expect(standIn.requests.some((r) => r.operation === "DecisionSweep")).toBe(true);
  });

  test("with DRY_RUN=true the server's sweep only plans", async () => {
    // A request with an empty body: the intake would ask for changes, so there is work to plan.
    standIn.control.seedIssue(FULL_NAME, "octocat", "[WG request] Transports", "", ["group-request", "group/ready"]);
    const { reply } = await call({ SWEEP_TOKEN: "s3cret", DRY_RUN: "true" }, { authorization: "Bearer s3cret" });
    expect(reply.status).toBe(200);
    expect(reply.body.confirm).toBe(false);
    expect(reply.body.planned).toBeGreaterThan(0);
    expect(standIn.requests.filter((r) => r.write && (r.path.startsWith("/repos/") || r.path === "/graphql"))).toEqual([]);
  });

  test("token comparison", () => {
    expect(isSameToken("abc", "abc")).toBe(true);
    expect(isSameToken("abc", "abd")).toBe(false);
    expect(isSameToken("", "abc")).toBe(false);
  });
});

describe("SWEEP_INTERVAL", () => {
  test.each([
    [undefined, null],
    ["", null],
    ["off", null],
    ["15m", 900_000],
    ["1h", 3_600_000],
    ["30s", 30_000],
  ])("%p → %p ms", (text, ms) => {
    expect(parseInterval(text)).toBe(ms);
  });

  test.each(["15", "soon", "0m", "-5m"])("%p is refused", (text) => {
    expect(() => parseInterval(text)).toThrow(/SWEEP_INTERVAL must look like/);
  });

  test("an interval beyond what a timer can hold is refused (Node would fire it every millisecond)", () => {
    expect(parseInterval("596h")).toBe(596 * 3_600_000);
    expect(() => parseInterval("600h")).toThrow(/SWEEP_INTERVAL .*at most/);
    expect(() => parseInterval("99999999999999999999s")).toThrow(/SWEEP_INTERVAL/);
  });

  test("the schedule starts only when set, and never keeps the process alive", () => {
    const auth = async () => new Octokit({ auth: "test" }) as any;
    expect(startSweepSchedule(auth, silentLog, {})).toBeNull();
    expect(startSweepSchedule(auth, silentLog, { SWEEP_INTERVAL: "nonsense" })).toBeNull();
    const timer = startSweepSchedule(auth, silentLog, { SWEEP_INTERVAL: "15m" });
    expect(timer).not.toBeNull();
    expect(timer!.hasRef()).toBe(false);
    clearInterval(timer!);
  });
});
