import { afterEach, describe, expect, test } from "@jest/globals";
import { SharedStateUnavailableError } from "../../src/shared-state/redis.js";
import { asSharedStateFailure, repairThrottleConnection } from "../../src/shared-state/throttle-connection.js";

describe("Probot's clustered throttle (Bottleneck on REDIS_URL)", () => {
  afterEach(() => {
    delete process.env.REDIS_URL;
  });

  test("Redis 7's `ERR ` prefix is taken off the errors Bottleneck recovers from, and only those", () => {
    const seen: string[] = [];
    const connection = {
      __scriptArgs__: (_name: string, _id: string, args: unknown[], cb: (err: Error | null, r: unknown) => void) => [...args, cb],
    };
    repairThrottleConnection(connection);
    repairThrottleConnection(connection); // once only: a second patch would wrap twice
    for (const message of ["ERR SETTINGS_KEY_NOT_FOUND", "ERR UNKNOWN_CLIENT", "ERR something else", "SETTINGS_KEY_NOT_FOUND"]) {
      const args = connection.__scriptArgs__("submit", "id", [], (err) => void seen.push(err!.message));
      (args.at(-1) as (err: Error, r: unknown) => void)(new Error(message), null);
    }
    expect(seen).toEqual(["SETTINGS_KEY_NOT_FOUND", "UNKNOWN_CLIENT", "ERR something else", "SETTINGS_KEY_NOT_FOUND"]);
    expect(() => repairThrottleConnection(undefined)).not.toThrow();
  });

  test("a request failing in Redis is a 503 shared-state failure; GitHub's answers and failures without Redis are not", () => {
    const redisDown = Object.assign(new Error("Reached the max retries per request limit (which is 1)."), { name: "MaxRetriesPerRequestError" });
    expect(asSharedStateFailure(redisDown)).toBeNull(); // no REDIS_URL: not ours to reinterpret
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    expect(asSharedStateFailure(redisDown)).toBeInstanceOf(SharedStateUnavailableError);
    expect(asSharedStateFailure(redisDown)!.status).toBe(503);
    expect(asSharedStateFailure(Object.assign(new Error("connect ECONNREFUSED"), { source: "bottleneck" }))).toBeInstanceOf(SharedStateUnavailableError);
    expect(asSharedStateFailure(Object.assign(new Error("Server Error"), { status: 502 }))).toBeNull();
    expect(asSharedStateFailure(new TypeError("x is undefined"))).toBeNull();
  });
});
