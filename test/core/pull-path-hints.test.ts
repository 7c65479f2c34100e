import { beforeEach, describe, expect, test } from "@jest/globals";
import { forgetPullPathHints, guessPullPaths, notePullPaths, notePushedPaths } from "../../src/core/pull-path-hints.js";

const REPO = { owner: "acme", repo: "spec" };
const push = (ref: string, commits: { added?: string[]; modified?: string[]; removed?: string[] }[], extra: Record<string, unknown> = {}) =>
  ({ ref, repository: { full_name: "acme/spec" }, commits, ...extra });

describe("pull path hints: which files a pull request probably changes, before it is read", () => {
  beforeEach(() => forgetPullPathHints());

  test("a branch's pushes name the files their commits added or modified (not removed), across pushes", () => {
    notePushedPaths(push("refs/heads/sep", [{ added: ["seps/0000-x.md"], removed: ["old.md"] }]));
    notePushedPaths(push("refs/heads/sep", [{ modified: ["seps/0000-x.md", "README.md"] }]));
    expect(guessPullPaths(REPO, 5, { repo: "acme/spec", branch: "sep" }).sort()).toEqual(["README.md", "seps/0000-x.md"]);
  });

  test("a fork's branch of the same name is not this repository's: no guess from its pushes", () => {
    notePushedPaths(push("refs/heads/sep", [{ added: ["seps/0000-x.md"] }]));
    expect(guessPullPaths(REPO, 5, { repo: "someone/spec", branch: "sep" })).toEqual([]);
  });

  test("a deleted branch, a tag and a payload without commits leave nothing behind", () => {
    notePushedPaths(push("refs/heads/sep", [{ added: ["seps/0000-x.md"] }]));
    notePushedPaths(push("refs/heads/sep", [], { deleted: true }));
    notePushedPaths(push("refs/tags/v1", [{ added: ["seps/0001-y.md"] }]));
    notePushedPaths({ ref: "refs/heads/other", repository: { full_name: "acme/spec" } });
    expect(guessPullPaths(REPO, 5, { repo: "acme/spec", branch: "sep" })).toEqual([]);
    expect(guessPullPaths(REPO, 5, { repo: "acme/spec", branch: "v1" })).toEqual([]);
  });

  test("the files looked at on a PR's event are the guess for its next event; none looked at, none guessed", () => {
    notePullPaths(REPO, 7, ["seps/0007-z.md"]);
    expect(guessPullPaths(REPO, 7)).toEqual(["seps/0007-z.md"]);
    expect(guessPullPaths({ owner: "ACME", repo: "Spec" }, 7)).toEqual(["seps/0007-z.md"]);
    expect(guessPullPaths(REPO, 8)).toEqual([]);
    notePullPaths(REPO, 7, []);
    expect(guessPullPaths(REPO, 7)).toEqual([]);
  });

  test("bounded: a push of thousands of files keeps the newest 100 paths", () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `docs/${i}.md`);
    notePushedPaths(push("refs/heads/big", [{ added: many }]));
    const guessed = guessPullPaths(REPO, 1, { repo: "acme/spec", branch: "big" });
    expect(guessed).toHaveLength(100);
    expect(guessed.at(-1)).toBe("docs/4999.md");
  });
});
