import { afterEach, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hasSepFile, parseItemRef } from "../../src/features/intake/item-ref.js";
import { graphqlOperations } from "../support/community-repo.js";
import { lastDelivery, requestsDuring } from "../support/delivery-requests.js";
import { validWgBody } from "../support/intake-bodies.js";
import { REPO, REQUESTER, startIntakeWorld, WG_LABELS, type IntakeWorld } from "../support/intake-stand-in.js";
import { SEPS_DIR } from "../support/shared-fixtures.js";

/** MCP's real SEP-1686 file: SEP numbers are the numbers of the PRs that proposed them; #1686 is not in this repository. */
const TASKS_SEP = "1686-tasks.md";
const FIELD = "**First Issue, PR or SEP the WG will work on**";

describe("a WG's first item named `SEP-N`: the SEP file on the default branch, or issue/PR #N", () => {
  let w: IntakeWorld;
  afterEach(async () => w?.stop());

  const start = (options: { folder?: string } = {}) => {
    const folder = options.folder ?? "seps/";
    return startIntakeWorld({
      ...(options.folder ? { config: `seps:\n  path: ${folder}\n` } : {}),
      files: { [`${folder}${TASKS_SEP}`]: readFileSync(join(SEPS_DIR, TASKS_SEP), "utf8"), [`${folder}README.md`]: "# SEPs\n" },
    }).then((world) => (w = world));
  };
  const verdict = (number: number) => w.appComments(number)[0]!.body;

  test("SEP-1686 exists by its file alone, found in the same single GraphQL request", async () => {
    await start();
    expect(w.standIn.control.repoOf(REPO).issues.has(1686)).toBe(false);
    const issue = await w.open(validWgBody({ firstItem: "SEP-1686" }), WG_LABELS);
    expect(verdict(issue.number)).toContain("ready for moderator review");
    const operations = graphqlOperations(requestsDuring(w.standIn, lastDelivery(w.standIn, "issues", "opened")));
    expect(operations.filter((o) => o === "IntakeState")).toHaveLength(1);
  });

  test("#1686 is an issue or PR number only: the SEP file does not make it exist", async () => {
    await start();
    const issue = await w.open(validWgBody({ firstItem: "#1686" }), WG_LABELS);
    expect(verdict(issue.number)).toContain(`${FIELD}: #1686 does not exist in \`${REPO}\`.`);
  });

  test("a SEP number with neither a file nor an issue or PR gets a message naming both", async () => {
    await start();
    const issue = await w.open(validWgBody({ firstItem: "SEP-1687" }), WG_LABELS);
    expect(verdict(issue.number)).toContain(
      `${FIELD}: SEP-1687 has no SEP file (\`seps/1687-….md\` on the default branch) and no issue or pull request #1687 in \`${REPO}\`.`,
    );
  });

  test("a file whose name only starts with the digits (`16860-…`, `1686.md`) is not SEP-1686's", async () => {
    w = await startIntakeWorld({ files: { "seps/16860-other.md": "# SEP-16860\n", "seps/168-x.md": "# SEP-168\n", "seps/1686.md": "# no slug\n" } });
    const issue = await w.open(validWgBody({ firstItem: "SEP-1686" }), WG_LABELS);
    expect(verdict(issue.number)).toContain(`${FIELD}: SEP-1686 has no SEP file`);
  });

  test("SEP-2663 still exists by its issue or PR when there is no file", async () => {
    await start();
    const issue = await w.open(validWgBody({ firstItem: "SEP-2663" }), WG_LABELS);
    expect(verdict(issue.number)).toContain("ready for moderator review");
  });

  test("the folder is the SEP check's configured folder", async () => {
    await start({ folder: "proposals/" });
    const found = await w.open(validWgBody({ firstItem: "SEP-1686" }), WG_LABELS);
    expect(verdict(found.number)).toContain("ready for moderator review");
    w.standIn.control.as(REQUESTER, REPO).close(found.number);
    await w.settle();
    const missing = await w.open(validWgBody({ firstItem: "SEP-1687" }), WG_LABELS);
    expect(verdict(missing.number)).toContain("no SEP file (`proposals/1687-….md` on the default branch)");
  });

  test("a redelivered old payload (`#1686`) is judged on the body as it stands (`SEP-1686`), with the SEP lookup", async () => {
    await start();
    const issue = await w.open(validWgBody({ firstItem: "#1686" }), WG_LABELS);
    expect(verdict(issue.number)).toContain("#1686 does not exist");
    const opened = lastDelivery(w.standIn, "issues", "opened");
    w.standIn.control.as(REQUESTER, REPO).editIssue(issue.number, { body: validWgBody({ firstItem: "SEP-1686" }) });
    await w.settle();
    expect(verdict(issue.number)).toContain("ready for moderator review");
    await w.standIn.webhooks.redeliver(opened.id);
    await w.settle();
    expect(verdict(issue.number)).toContain("ready for moderator review");
  });
});

describe("reading the first item", () => {
  const repo = { owner: "mcp", repo: "spec" };
  test.each([
    ["SEP-1686", { ok: true, number: 1686, sep: true }],
    ["sep 1686", { ok: true, number: 1686, sep: true }],
    ["`SEP1686`", { ok: true, number: 1686, sep: true }],
    ["#1686", { ok: true, number: 1686, sep: false }],
    ["https://github.com/mcp/spec/pull/1686", { ok: true, number: 1686, sep: false }],
    ["https://github.com/other/spec/pull/1686", { ok: false, reason: "other-repo", repo: "other/spec" }],
    ["SEP-", { ok: false, reason: "format" }],
  ])("%j", (text, ref) => {
    expect(parseItemRef(text, repo)).toEqual(ref);
  });

  test("a SEP's file is `<number>-<slug>.md`, not a longer number nor a file without the slug", () => {
    expect(hasSepFile(["README.md", "1686-tasks.md"], 1686)).toBe(true);
    expect(hasSepFile(["16860-x.md", "168-x.md", "1686.md", "1686-notes.txt"], 1686)).toBe(false);
  });
});
