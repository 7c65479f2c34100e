import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { REPO, seedThreeWorkingGroups, SWEEP_TOKEN } from "../support/retirement-stand-in.js";

/**
 * The real server (`probot run ./lib/index.js`) against the GitHub stand-in: the sweep is triggered
 * over HTTP (`POST /convener/sweep`, as an external cron would), commands arrive as webhooks.
 * Needs a current build (`npm run build`).
 */
describe("retirement sweep end to end", () => {
  let h: Harness;
  const issues = () => [...h.standIn.control.repoOf(REPO).issues.values()];
  const reviews = () => issues().filter((i) => i.title.startsWith("[retirement]"));
  const appComments = (n: number) => h.standIn.control.issueOf(REPO, n).comments.filter((c) => c.user === "convener[bot]");
  const sweep = async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } });
    expect(res.status).toBe(200);
    await h.standIn.settle();
    const report = await res.json();
    if (process.env.E2E_DEBUG) console.log(JSON.stringify(report, null, 2), h.app.output().slice(-3000));
    return report as { applied: number };
  };

  beforeAll(async () => {
    h = await startHarness({ seed: (s) => seedThreeWorkingGroups(s), env: { SWEEP_TOKEN } });
  }, 60_000);
  afterAll(async () => h?.stop());

  test("the HTTP-triggered sweep opens two reviews, a second opens none, a moderator snoozes one, resumed work closes the other", async () => {
    await sweep();
    expect(reviews().map((i) => i.title).sort()).toEqual(["[retirement] File Uploads", "[retirement] Server Card"]);
    const card = reviews().find((i) => i.title.endsWith("Server Card"))!;
    const uploads = reviews().find((i) => i.title.endsWith("File Uploads"))!;
    expect(card.user).toBe("convener[bot]");
    expect(card.labels).toEqual(["group/retirement-candidate", "server-card-wg"]);
    expect(card.body).toContain("Leads: @\u200ddsp-ant");
    expect(appComments(card.number).map((c) => c.body.match(/@dsp-ant\b/g)?.length)).toEqual([1]); // the leads comment

    const from = h.standIn.requests.length;
    await sweep();
    expect(reviews()).toHaveLength(2);
    const second = h.standIn.requestsSince(from);
    expect(second.filter((r) => r.write)).toEqual([]);
    // One activity request for the three WGs; the registry is cached by commit.
    expect(second.filter((r) => r.operation === "RetirementActivity")).toHaveLength(1);
    expect(second.filter((r) => r.operation === "RegistryCharters")).toHaveLength(0);

    h.standIn.control.as("mod-mia", REPO).comment(card.number, "/keep-active 30 the Server Card SEP is being revised");
    await h.standIn.settle();
    expect(appComments(card.number)).toHaveLength(2);
    expect(appComments(card.number)[1]!.body).toContain("keeps the Server Card Working Group active until");

    const item = issues().find((i) => i.title === "Declarative file inputs")!;
    h.standIn.control.as("ochafik", REPO).comment(item.number, "rebased, ready for review");
    await h.standIn.settle();
    await sweep();
    expect(h.standIn.control.issueOf(REPO, uploads.number).state).toBe("closed");
    expect(h.standIn.control.issueOf(REPO, uploads.number).labels).toEqual(["file-uploads-wg"]);
    expect(appComments(uploads.number).at(-1)!.body).toContain("Work has resumed");
    expect(h.standIn.control.issueOf(REPO, card.number).state).toBe("open");
  }, 60_000);
});
