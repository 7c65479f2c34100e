import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { wgRequest } from "./e2e-world.js";

const REPO = "modelcontextprotocol/modelcontextprotocol";
const VENUE = "modelcontextprotocol/moderators";
const BOT = "convener[bot]";
const HOUR = 3_600_000;
const CONFIG = `roles:
  moderators: [mod1, mod2, mod3]
  coreMaintainers: [core1]
  leadMaintainers: [lead1]
decisions:
  venue:
    repository: ${VENUE}
retirement:
  enabled: false
`;

/**
 * The real server against the stand-in, with the vote held in the moderators' private repository:
 * the vote issue opens there, ballots are cast there, the public request shows progress and the
 * outcome with counts only; a public veto closes the private vote.
 */
describe("a vote in a private venue, end to end", () => {
  let h: Harness;
  const issue = (repo: string, n: number) => h.standIn.control.issueOf(repo, n);
  const own = (repo: string, n: number) => issue(repo, n).comments.filter((c) => c.user === BOT);
  const venueIssues = () => [...h.standIn.control.repoOf(VENUE).issues.values()].filter((i) => i.user === BOT);

  beforeAll(async () => {
    h = await startHarness({
      timeTravel: true,
      seed: (s) => {
        s.control.repo(REPO, { "README.md": "# Model Context Protocol\n", ".github/convener.yml": CONFIG });
        s.control.repo(VENUE, { "README.md": "# Moderators\n" }).private = true;
        for (const u of ["octocat", "mod1", "mod2", "mod3", "core1", "lead1", "alice", "bob"]) s.control.user(u);
      },
    });
  }, 60_000);
  afterAll(async () => h?.stop());

  function seedRequest(): number {
    const { body, labels } = wgRequest();
    return h.standIn.control.seedIssue(REPO, "octocat", "[WG request] Agents", body, [...labels, "group/ready"]).number;
  }

  test("ballots in the venue; the public request shows only progress, then the outcome with counts", async () => {
    const n = seedRequest();
    h.standIn.control.as("mod1", REPO).comment(n, "/vote");
    await h.standIn.settle();
    const venue = venueIssues().find((i) => i.title.includes(`${REPO}#${n}`))!;
    expect(venue).toBeDefined();
    expect(h.standIn.control.repoOf(VENUE).private).toBe(true);
    expect(own(VENUE, venue.number)[0]!.body).toContain("Notified: @mod1 @mod2 @mod3.");
    expect(own(REPO, n).map((c) => c.body).join("\n")).toMatch(/Vote in progress until/);

    h.standIn.control.as("mod1", VENUE).comment(venue.number, "/vote yes");
    h.standIn.control.as("mod2", VENUE).comment(venue.number, "/vote yes");
    await h.standIn.settle();
    await h.advanceClock(73 * HOUR);
    h.standIn.control.as("alice", REPO).comment(n, "Any news?"); // an event after the deadline tallies
    await h.standIn.settle();

    const result = own(REPO, n).find((c) => c.body.includes("convener:decisions:result:1"))!;
    expect(result.body).toContain("2 of 3 moderators voted yes; more than 1.5 needed.");
    expect(result.body).not.toMatch(/mod\d/);
    expect(issue(REPO, n).labels).toContain("group/approved");
    expect(issue(VENUE, venue.number).state).toBe("closed");
    expect(own(VENUE, venue.number).some((c) => c.body.includes("| yes | @\u200dmod1, @\u200dmod2 |"))).toBe(true);
  }, 90_000);

  test("a public veto closes the private vote", async () => {
    const n = seedRequest();
    h.standIn.control.as("mod1", REPO).comment(n, "/vote");
    await h.standIn.settle();
    const venue = venueIssues().find((i) => i.title.includes(`${REPO}#${n}`))!;
    h.standIn.control.as("lead1", REPO).comment(n, "/veto out of scope");
    await h.standIn.settle();
    expect(issue(REPO, n).state).toBe("closed");
    expect(issue(VENUE, venue.number).state).toBe("closed");
    expect(own(VENUE, venue.number).some((c) => c.body.includes("the request was vetoed"))).toBe(true);
  }, 90_000);
});
