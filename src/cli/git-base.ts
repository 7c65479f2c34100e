import { execFileSync } from "node:child_process";

/** The base a pull request is judged against, read from the local git checkout. */
export interface BaseVersion {
  /** Files changed since the base (committed or not), relative to the current folder; deleted files excluded. */
  changedFiles(): string[];
  /** A file's text at the base, or null when it did not exist there (a new SEP). */
  textOf(path: string): string | null;
}

const git = (cwd: string, args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });

/**
 * `--base <ref>`: the merge base of `ref` and HEAD, as GitHub compares a pull request (the changes
 * of the PR's branch only, not what the base branch gained since). Throws a message for the user
 * when git or the ref is missing.
 */
export function readBaseVersion(ref: string, cwd: string): BaseVersion {
  // A ref starting with `-` would be read by git as an option.
  if (ref === "" || ref.startsWith("-")) throw new Error(`${JSON.stringify(ref)} is not a git ref`);
  let mergeBase: string;
  try {
    mergeBase = git(cwd, ["merge-base", ref, "HEAD"]).trim();
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed" : `no common commit of \`${ref}\` and HEAD`;
    throw new Error(`${why}; in GitHub Actions, check out with \`fetch-depth: 0\` so the base branch is there`);
  }
  return {
    changedFiles: () => git(cwd, ["diff", "--name-only", "--relative", "--diff-filter=d", "-z", mergeBase]).split("\0").filter(Boolean).sort(),
    textOf(path) {
      try {
        // `./` makes the path relative to the current folder, as the listed paths are.
        return git(cwd, ["show", `${mergeBase}:./${path}`]);
      } catch {
        return null;
      }
    },
  };
}
