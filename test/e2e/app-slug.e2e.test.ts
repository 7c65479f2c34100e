import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { generateAppKeys, startApp, type AppKeys } from "../../sandbox/src/app-process.js";
import { StandIn } from "../../sandbox/src/stand-in.js";

/**
 * The server checks its configured `APP_SLUG` against `GET /app` before it starts: a slug copied
 * from `.env.example` (`convener`) for an app GitHub knows as `our-convener` would trust another
 * app's `convener[bot]`, so that start is refused, loudly.
 */
describe("APP_SLUG is checked at start", () => {
  let standIn: StandIn;
  let keys: AppKeys;
  beforeAll(async () => {
    keys = generateAppKeys();
    standIn = await StandIn.start({ appId: 77, slug: "our-convener", webhookSecret: "s", publicKey: keys.publicKey });
  });
  afterAll(async () => standIn?.close());

  const start = (slug: string) => startApp({ ghHost: standIn.host, appId: 77, privateKey: keys.privateKey, webhookSecret: "s", slug });

  test("a slug that is not the app's refuses to start, naming both and the fix", async () => {
    await expect(start("convener")).rejects.toThrow(
      /exited with code 1[\s\S]*refusing to start: APP_SLUG is "convener" but this app \(APP_ID 77\) is "our-convener" on GitHub[\s\S]*Set APP_SLUG=our-convener/,
    );
    expect(standIn.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain("GET /app 200");
  }, 60_000);

  test("the app's own slug (any case) starts", async () => {
    const app = await start("Our-Convener");
    await app.stop();
  }, 60_000);
});
