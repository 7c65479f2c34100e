import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { Harness } from "../../sandbox/src/harness.js";
import { describeRequests, igRequest, REPO, startWorld } from "./e2e-world.js";

const ORG = REPO.split("/")[0]!;
const MODERATORS = "community-moderators"; // the default `roles.moderators` team
const CONFIG = ".github/convener.yml";

/**
 * Configuration and team answers are kept between deliveries by the real server: an event that is
 * not Convener's concern costs nothing, and the webhooks that change what was kept (a push of the
 * configuration, a team membership change) are seen by the very next event.
 */
describe("reads cached between deliveries, end to end", () => {
  let h: Harness;
  const appComments = (n: number) => h.standIn.control.issueOf(REPO, n).comments.filter((c) => c.user === "convener[bot]");
  /** Runs an act and returns the requests the app made for it (its own events' included). */
  const costOf = async (act: () => unknown) => {
    const from = h.standIn.requests.length;
    await act();
    await h.standIn.settle();
    return h.standIn.requestsSince(from);
  };

  beforeAll(async () => {
    h = await startWorld();
    h.standIn.control.team(ORG, MODERATORS, ["alice", "bob"]);
  }, 60_000);
  afterAll(async () => h?.stop());

  test("a second event that is not Convener's concern costs no request", async () => {
    // Labelled, so intake must read the configuration to know it is no request (an unlabelled one costs nothing at all).
    const first = await costOf(() => h.standIn.control.as("carol", REPO).openIssue("Typo in the docs", "There is a typo.", ["bug"]));
    // The configuration, once: the repository's file, then the owner's `.github` one (neither exists here).
    // (After the installation token, which Probot keeps for an hour.)
    expect(describeRequests(first.filter((r) => !r.path.endsWith("/access_tokens")))).toEqual([
      `GET /repos/${REPO}/contents/.github%2Fconvener.yml → 404`,
      `GET /repos/${ORG}/.github/contents/.github%2Fconvener.yml → 404`,
    ]);
    const second = await costOf(() => h.standIn.control.as("dana", REPO).openIssue("Another typo", "Here too.", ["bug"]));
    expect(describeRequests(second)).toEqual([]);
    const comment = await costOf(() => h.standIn.control.as("dana", REPO).comment(1, "Thanks!"));
    expect(describeRequests(comment)).toEqual([]);
  });

  test("a push that changes .github/convener.yml is seen by the next event", async () => {
    const before = igRequest({ "group-name": "Before", tag: "before-ig" });
    const ready = h.standIn.control.as("alice", REPO).openIssue("[IG request] Before", before.body, before.labels);
    await h.standIn.settle();
    expect(appComments(ready.number)).toHaveLength(1); // no file: the defaults, which comment

    await costOf(() => h.standIn.control.as("alice", REPO).push({ [CONFIG]: "dryRun: true\n" }, "Convener: dry run"));
    const after = igRequest({ "group-name": "After", tag: "after-ig" });
    const dry = h.standIn.control.as("alice", REPO).openIssue("[IG request] After", after.body, after.labels);
    await h.standIn.settle();
    expect(appComments(dry.number)).toHaveLength(0); // the pushed file says dry run: nothing written

    await costOf(() => h.standIn.control.as("alice", REPO).push({ [CONFIG]: "dryRun: false\n" }, "Convener: live"));
    const live = igRequest({ "group-name": "Live", tag: "live-ig" });
    const wet = h.standIn.control.as("alice", REPO).openIssue("[IG request] Live", live.body, live.labels);
    await h.standIn.settle();
    expect(appComments(wet.number)).toHaveLength(1);
  });

  test("a role answer is asked once, and again after a membership.removed webhook", async () => {
    const { body, labels } = igRequest({ "group-name": "Votes", tag: "votes-ig" });
    const request = h.standIn.control.as("carol", REPO).openIssue("[IG request] Votes", body, labels);
    await h.standIn.settle();
    // The caller of `/vote` is looked up in the moderators' member list the vote needs anyway.
    const asksAlice = (records: { path: string }[]) => records.filter((r) => r.path.startsWith(`/orgs/${ORG}/teams/${MODERATORS}/`)).length;

    const opened = await costOf(() => h.standIn.control.as("alice", REPO).comment(request.number, "/vote"));
    expect(asksAlice(opened)).toBe(1);
    expect(appComments(request.number).some((c) => c.body.includes('"electorate":["alice","bob"]'))).toBe(true); // the vote opened

    const again = await costOf(() => h.standIn.control.as("alice", REPO).comment(request.number, "/vote"));
    expect(asksAlice(again)).toBe(0); // cached: the answer costs no request

    const removal = await costOf(() => h.standIn.control.changeTeamMembership(ORG, MODERATORS, "alice", "removed"));
    expect(h.standIn.webhooks.deliveries.at(-1)).toMatchObject({ event: "membership", action: "removed", status: 200 });
    expect(describeRequests(removal)).toEqual([]);

    const after = await costOf(() => h.standIn.control.as("alice", REPO).comment(request.number, "/vote"));
    expect(asksAlice(after)).toBe(1); // asked again, and GitHub now says no: alice is no longer listed
    expect(appComments(request.number).filter((c) => c.body.includes('"electorate"'))).toHaveLength(1); // no second vote opened
  });
});
