import { describe, expect, test } from "@jest/globals";
import { noteQueueWait, runUntilAnswered } from "../../src/core/deferred-answer.js";

describe("runUntilAnswered", () => {
  test("work that never queues is answered when it is done, failures included", async () => {
    await expect(runUntilAnswered(async () => 42)).resolves.toEqual({ answered: "done", value: 42 });
    await expect(runUntilAnswered(async () => { throw new Error("write failed"); })).rejects.toThrow("write failed");
  });

  test("a short wait in a queue keeps the answer for the end of the work", async () => {
    const outcome = await runUntilAnswered(async () => {
      noteQueueWait(200);
      return "written";
    });
    expect(outcome).toEqual({ answered: "done", value: "written" });
  });

  test("a long wait answers at once; the work goes on and its result is still there", async () => {
    let finish!: () => void;
    const outcome = await runUntilAnswered(async () => {
      noteQueueWait(5_000);
      await new Promise<void>((resolve) => (finish = resolve));
      return "written later";
    });
    expect(outcome.answered).toBe("early");
    finish();
    await expect((outcome as { work: Promise<string> }).work).resolves.toBe("written later");
  });

  test("outside a delivery (a sweep, the CLI) a wait answers nothing", () => {
    expect(() => noteQueueWait(5_000)).not.toThrow();
  });
});

describe("answerIfStillWaiting", () => {
  test("a delivery still waiting for its issue's lock after the threshold is answered", async () => {
    const { withLock } = await import("../../src/core/lock.js");
    let release!: () => void;
    const first = withLock("o/r#9", () => new Promise<void>((resolve) => (release = resolve)));
    const second = runUntilAnswered(() => withLock("o/r#9", async () => "mine"));
    const outcome = await second; // answered while the first delivery still holds the lock
    expect(outcome.answered).toBe("early");
    release();
    await first;
    await expect((outcome as { work: Promise<string> }).work).resolves.toBe("mine");
  });
});
