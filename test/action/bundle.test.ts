import { describe, expect, test } from "@jest/globals";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { BUNDLE_FILE, bundleAction } from "../../src/action/bundle.js";

/**
 * `action.yml` runs the committed `dist/index.js`: a runner never builds. The bundle is rebuilt from
 * the compiled sources into a temporary folder and must equal the committed one byte for byte
 * (`npm run build:action` refreshes it).
 */
describe("the action's bundle", () => {
  test("action.yml runs dist/index.js on node20", () => {
    const action = parse(readFileSync(join(BUNDLE_FILE, "..", "..", "action.yml"), "utf8"));
    expect(action.runs).toEqual({ using: "node20", main: "dist/index.js" });
    expect(Object.keys(action.inputs)).toEqual(["token", "app-slug", "log-level"]);
  });

  test("is current: rebuilt from the sources it is the committed file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "convener-bundle-"));
    try {
      const fresh = join(dir, "index.js");
      await bundleAction(fresh);
      const same = readFileSync(fresh, "utf8") === readFileSync(BUNDLE_FILE, "utf8");
      expect(same ? "current" : "dist/index.js is stale: run `npm run build:action` and commit it").toBe("current");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
