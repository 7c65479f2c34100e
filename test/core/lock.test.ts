import { describe, expect, test } from "@jest/globals";
import { withLock } from "../../src/core/lock.js";

/** A promise the test resolves by hand, so the order of events is decided by the test, not timers. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("withLock", () => {
  test("work on the same key runs one at a time, in arrival order", async () => {
    const events: string[] = [];
    const first = gate();
    const a = withLock("o/r#1", async () => {
      events.push("a start");
      await first.promise;
      events.push("a end");
      return "a";
    });
    const b = withLock("o/r#1", async () => {
      events.push("b start");
      return "b";
    });
    const c = withLock("o/r#1", async () => {
      events.push("c start");
      return "c";
    });
    await tick();
    expect(events).toEqual(["a start"]); // b and c wait for a
    first.open();
    expect(await Promise.all([a, b, c])).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["a start", "a end", "b start", "c start"]);
  });

  test("different keys run concurrently", async () => {
    const events: string[] = [];
    const first = gate();
    const a = withLock("o/r#1", async () => {
      events.push("a start");
      await first.promise;
      events.push("a end");
    });
    const b = withLock("o/r#2", async () => {
      events.push("b done");
    });
    await b; // finishes while a is still blocked
    expect(events).toEqual(["a start", "b done"]);
    first.open();
    await a;
    expect(events).toEqual(["a start", "b done", "a end"]);
  });

  test("an error rejects only its own caller and does not block the queue", async () => {
    const failing = withLock("k", async () => {
      throw new Error("boom");
    });
    const next = withLock("k", async () => "after");
    await expect(failing).rejects.toThrow("boom");
    await expect(next).resolves.toBe("after");
    await expect(withLock("k", async () => "later")).resolves.toBe("later");
  });

  test("the second caller on a key sees the first caller's writes", async () => {
    let state = 0;
    const slow = gate();
    const first = withLock("k2", async () => {
      const read = state;
      await slow.promise;
      state = read + 1;
    });
    const second = withLock("k2", async () => {
      const read = state;
      state = read + 1;
    });
    slow.open();
    await Promise.all([first, second]);
    expect(state).toBe(2); // without the lock both read 0 and the result is 1
  });
});
