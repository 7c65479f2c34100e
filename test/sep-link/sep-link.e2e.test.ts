import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { CHARTERS_DIR } from "../support/registry-fixtures.js";
import { sepText } from "./sep-text.js";

const REPO = "modelcontextprotocol/modelcontextprotocol";
const charter = (name: string) => readFileSync(join(CHARTERS_DIR, "working-groups", name), "utf8");

/**
 * The real server (built `lib/`, as `npm start`) against the GitHub stand-in: the registry is read
 * from charter files on the default branch, and a SEP pull request is linked to its Working Group.
 */
describe("SEP ↔ WG link end to end", () => {
  let h: Harness;
  const pullOf = (n: number) => h.standIn.control.issueOf(REPO, n);
  const appComments = (n: number) => pullOf(n).comments.filter((c) => c.user === "convener[bot]" && c.body.includes("convener:sep-link"));

  beforeAll(async () => {
    h = await startHarness({
      seed: (s) => {
        s.control.repo(REPO, {
          "README.md": "# MCP\n",
          "docs/community/working-groups/agents.mdx": charter("agents.mdx"),
          "docs/community/working-groups/server-card.mdx": charter("server-card.mdx"),
          "seps/README.md": "SEPs\n",
        });
        s.control.user("alice");
      },
    });
  }, 60_000);
  afterAll(async () => h?.stop());

  test("a SEP PR naming agents-wg is labelled and gets one comment; moving it to server-card-wg swaps both; the registry is read once", async () => {
    const from = h.standIn.requests.length;
    const alice = h.standIn.control.as("alice", REPO);
    const pull = alice.openPullRequest("SEP: durable handoff", "New SEP", { "seps/0000-durable-handoff.md": sepText(1, { workingGroup: "agents-wg" }) });
    await h.standIn.settle();
    expect(pullOf(pull.number).labels).toContain("agents-wg");
    const [first, ...more] = appComments(pull.number);
    expect(more).toHaveLength(0);
    expect(first!.body).toContain("**Agents Working Group**");
    expect(first!.body).toContain("`@LucaButBoring`");

    alice.updatePullRequest(pull.number, { "seps/0000-durable-handoff.md": sepText(1, { workingGroup: "server-card-wg" }) });
    await h.standIn.settle();
    expect(pullOf(pull.number).labels).toContain("server-card-wg");
    expect(pullOf(pull.number).labels).not.toContain("agents-wg");
    const after = appComments(pull.number);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(first!.id);
    expect(after[0]!.body).toContain("**Server Card Working Group**");

    const registryReads = h.standIn.requestsSince(from).filter((r) => r.operation === "RegistryCharters");
    expect(registryReads).toHaveLength(1);
  }, 60_000);
});
