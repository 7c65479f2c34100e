import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { configSchema, defaultConfig } from "../../src/features/config-schema.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README configuration reference", () => {
  const block = /```yaml\n(# \.github\/convener\.yml[\s\S]*?)```/.exec(readme)?.[1];

  test("shows every default exactly as the app has it", () => {
    expect(block).toBeDefined();
    expect(YAML.parse(block!)).toEqual(defaultConfig);
  });

  test("is a valid configuration file", () => {
    expect(configSchema.safeParse(YAML.parse(block!)).success).toBe(true);
  });
});
