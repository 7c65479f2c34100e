import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** The image runs the current Node LTS; the package and the action still run on Node 20 (machines and runners that have it). */
describe("runtime versions", () => {
  test("both stages of the image are on Node 24", () => {
    expect([...read("Dockerfile").matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(["node:24-bookworm-slim", "node:24-bookworm-slim"]);
  });

  test("engines admits Node 20 and the action runs on node20", () => {
    expect(JSON.parse(read("package.json")).engines.node).toBe(">=20.18.1");
    expect(parse(read("action.yml")).runs.using).toBe("node20");
  });
});
