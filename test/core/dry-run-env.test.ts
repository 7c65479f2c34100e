import { describe, expect, test } from "@jest/globals";
import { isDryRunEnv } from "../../src/core/identity.js";

describe("DRY_RUN from the environment", () => {
  test.each(["true", "TRUE", "1", "yes", "on", " On "])("%p turns dry run on", (value) => {
    expect(isDryRunEnv({ DRY_RUN: value })).toBe(true);
  });
  test.each([undefined, "", "false", "0", "no", "off", "truthy"])("%p leaves it off", (value) => {
    expect(isDryRunEnv(value === undefined ? {} : { DRY_RUN: value })).toBe(false);
  });
});
