import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { readCharterFiles } from "../support/charter-files.js";
import { describeRequest, holdDeliveries, lastDelivery, requestsDuring } from "../support/delivery-requests.js";
import { SEPS_DIR } from "../support/shared-fixtures.js";
import { startStandInApp, type StandInApp } from "../support/stand-in-app.js";
import { sepText } from "./sep-text.js";

const REPO = "Codertocat/Hello-World";
const BOT = "convener[bot]";
const PATH = "seps/2-durable-agent-handoff.md";
/** The SEP metadata check and the meetings' agenda check are other features with their own tests: off here, so the costs are this feature's. */
const LINK_ONLY = "seps:\n  enabled: false\nmeetings:\n  enabled: false\n";

let world: StandInApp | undefined;

/** The stand-in with the real charters on the default branch, and the app in process. */
async function startLink(config = LINK_ONLY, charters: Record<string, string> = {}): Promise<StandInApp> {
  world = await startStandInApp({
    seed: (s) => {
      s.control.repo(REPO, { "README.md": "# Hello\n", ".github/convener.yml": config, ...readCharterFiles(charters) });
      s.control.user("alice");
      s.control.user("mallory");
    },
  });
  return world;
}

beforeEach(() => clearRegistryCache());
afterEach(async () => world?.stop());

const alice = (w: StandInApp) => w.standIn.control.as("alice", REPO);
const pullOf = (w: StandInApp, n: number) => w.standIn.control.issueOf(REPO, n);
const appComments = (w: StandInApp, n: number) => pullOf(w, n).comments.filter((c) => c.user === BOT);
const operations = (w: StandInApp, name: string) => w.standIn.requests.filter((r) => r.operation === name);
/** Alice opens a PR with these files and the app handles it; returns its number. */
async function openPull(w: StandInApp, files: Record<string, string>): Promise<number> {
  const pull = alice(w).openPullRequest("SEP: durable handoff", "", files);
  await w.settle();
  return pull.number;
}
async function updatePull(w: StandInApp, number: number, files: Record<string, string>): Promise<void> {
  alice(w).updatePullRequest(number, files);
  await w.settle();
}
/** The requests the app made for the last delivery of `pull_request.<action>`. */
const costOf = (w: StandInApp, action: string) => requestsDuring(w.standIn, lastDelivery(w.standIn, "pull_request", action));

describe("SEP ↔ WG link (the stand-in's pull_request deliveries)", () => {
  test("a SEP naming agents-wg gets the label and one sticky comment naming the WG, its leads (not mentioned) and its charter", async () => {
    const w = await startLink();
    const n = await openPull(w, { [PATH]: sepText(2, { workingGroup: "agents-wg" }), "README.md": "docs" });
    expect(pullOf(w, n).labels).toEqual(["agents-wg"]);
    const comments = appComments(w, n);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toContain('<!-- convener:sep-link {"tags":["agents-wg"]} -->');
    expect(body).toContain("**Agents Working Group** (`agents-wg`) owns `seps/2-durable-agent-handoff.md`.");
    expect(body).toContain("- Luca Chang `@LucaButBoring`");
    expect(body).toContain("- Caitie McCaffrey `@CaitieM20`");
    expect(body).not.toMatch(/(^|[^`])@(LucaButBoring|CaitieM20)/); // handles only inside code spans: nobody is pinged
    expect(body).toContain(`[\`docs/community/working-groups/agents.mdx\`](${w.standIn.urls.web}/${REPO}/blob/HEAD/docs/community/working-groups/agents.mdx)`);
    // config, PR read (with the repository's labels: the WG label is not among them, and the SEP
    // text, as the branch's push named the file), registry read; then the creation of the WG label, and label + comment in one GraphQL document
    // (the comment's duplicate check reads back in that same request)
    expect(costOf(w, "opened").map(describeRequest)).toEqual([
      "GET /contents/.github%2Fconvener.yml",
      "POST PullFacts",
      "POST RegistryCharters",
      "POST ConvenerWrites",
      "POST ConvenerWrites",
    ]);
  });

  test("changing the field to another WG swaps the label and updates the same comment; a redelivery writes nothing", async () => {
    const w = await startLink();
    const n = await openPull(w, { [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    const first = appComments(w, n)[0]!;

    await updatePull(w, n, { [PATH]: sepText(2, { workingGroup: "Server Card" }) });
    expect(pullOf(w, n).labels).toEqual(["server-card-wg"]);
    expect(appComments(w, n)).toHaveLength(1);
    expect(appComments(w, n)[0]!.id).toBe(first.id);
    expect(appComments(w, n)[0]!.body).toContain("**Server Card Working Group** (`server-card-wg`)");
    expect(appComments(w, n)[0]!.body).toContain("- David Soria Parra `@dsp-ant`");
    // The new WG's label is created (the repository lacks it); then label add, label removal and
    // comment edit go out as one GraphQL document.
    expect(costOf(w, "synchronize").filter((r) => r.write).map(describeRequest)).toEqual(["POST ConvenerWrites", "POST ConvenerWrites"]);
    // The registry was read once for both events: same default-branch commit.
    expect(operations(w, "RegistryCharters")).toHaveLength(1);
    expect(operations(w, "RegistryHead")).toHaveLength(0);

    const again = await w.standIn.webhooks.redeliver(lastDelivery(w.standIn, "pull_request", "synchronize").id);
    await w.settle();
    // The PR with its SEP text (the file the PR's last event looked at): the registry and the configuration are cached
    expect(requestsDuring(w.standIn, again).map(describeRequest)).toEqual(["POST PullFacts"]);
  });

  test("'on behalf of the X Working Group' in the authors links a real SEP (SEP-2663, Agents)", async () => {
    const w = await startLink();
    const n = await openPull(w, { "seps/2663-tasks-extension.md": readFileSync(join(SEPS_DIR, "2663-tasks-extension.md"), "utf8") });
    expect(pullOf(w, n).labels).toEqual(["agents-wg"]);
    expect(appComments(w, n)[0]!.body).toContain("**Agents Working Group**");
  });

  test("a label a maintainer added by hand is kept; only the app's own link is undone", async () => {
    const w = await startLink();
    const n = await openPull(w, { "docs/draft.md": "A SEP to come\n" });
    alice(w).label(n, "registry-wg", "SEP");
    await updatePull(w, n, { [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    expect(pullOf(w, n).labels).toEqual(["registry-wg", "SEP", "agents-wg"]);
    await updatePull(w, n, { [PATH]: sepText(2) });
    expect(pullOf(w, n).labels).toEqual(["registry-wg", "SEP"]);
    expect(appComments(w, n)).toHaveLength(1);
    expect(appComments(w, n)[0]!.body).toContain("No registered Working Group is linked to this SEP");
  });

  test("an unknown group, an Interest Group and a retired WG are not linked; the comment says why", async () => {
    const w = await startLink(LINK_ONLY, { "docs/community/working-groups/sdk.mdx": "---\ntitle: SDK Charter\nstatus: retired\n---\n## Group Type\n\n**Working Group**\n" });
    const n = await openPull(w, {
      "seps/2-a.md": sepText(2, { workingGroup: "payments-wg" }),
      "seps/2-b.md": sepText(2, { workingGroup: "Security Interest Group (proposed)" }),
      "seps/2-c.md": sepText(2, { workingGroup: "sdk-wg" }),
    });
    expect(pullOf(w, n).labels).toEqual([]);
    const body = appComments(w, n)[0]!.body;
    expect(body).toContain("- `seps/2-a.md` line 9 names `payments-wg`: no registered group has this name or tag.");
    expect(body).toContain("- `seps/2-b.md` line 9 names `Security Interest Group (proposed)`: this is an Interest Group; a SEP is owned by a Working Group.");
    expect(body).toContain("- `seps/2-c.md` line 9 names `sdk-wg`: this Working Group is retired.");
  });

  test("a PR touching no SEP costs one GraphQL read and writes nothing; a SEP naming no WG gets no comment", async () => {
    const w = await startLink();
    const from = w.standIn.requests.length;
    const n = await openPull(w, { "docs/index.md": "hello", "seps/README.md": "index" });
    expect(costOf(w, "opened").filter((r) => r.path === "/graphql")).toHaveLength(1);
    await updatePull(w, n, { [PATH]: sepText(2) });
    expect(w.standIn.requestsSince(from).filter((r) => r.write)).toEqual([]);
    expect(appComments(w, n)).toHaveLength(0);
    expect(operations(w, "RegistryCharters")).toHaveLength(0); // nothing to look up
  });

  test("on a PR with more comments than one GraphQL page, the link comment is found page by page (no second comment)", async () => {
    const w = await startLink();
    const n = await openPull(w, { "docs/draft.md": "A SEP to come\n" });
    // GitHub's GraphQL page holds the first 100 comments: with 100 before it, the app's is on page two.
    // Their deliveries are held back: what the app does with chatter is not this test's subject.
    holdDeliveries(w.standIn, () => {
      for (let i = 0; i < 100; i++) w.standIn.control.as("mallory", REPO).comment(n, `chatter ${i}`);
    });
    await updatePull(w, n, { [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    const own = appComments(w, n);
    expect(own).toHaveLength(1);
    await updatePull(w, n, { [PATH]: sepText(2, { workingGroup: "server-card-wg" }) });
    // One more query, the page after the first 100 (the shared `CommentsPage`), and no REST listing of all.
    const cost = costOf(w, "synchronize").map(describeRequest);
    expect(cost.filter((r) => r === "POST CommentsPage")).toHaveLength(1);
    expect(cost).not.toContain(`GET /issues/${n}/comments`);
    expect(appComments(w, n)).toHaveLength(1);
    expect(appComments(w, n)[0]!.id).toBe(own[0]!.id);
    expect(appComments(w, n)[0]!.body).toContain("**Server Card Working Group**");
    expect(pullOf(w, n).labels).toEqual(["server-card-wg"]);
  });

  test("a hand-written copy of the marker is not trusted", async () => {
    const w = await startLink();
    const n = await openPull(w, { "docs/draft.md": "A SEP to come\n" });
    const fake = w.standIn.control.as("mallory", REPO).comment(n, '<!-- convener:sep-link {"tags":["registry-wg"]} --> fake');
    alice(w).label(n, "registry-wg");
    await updatePull(w, n, { [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    expect(pullOf(w, n).labels).toEqual(["registry-wg", "agents-wg"]);
    expect(pullOf(w, n).comments.find((c) => c.id === fake)!.body).toContain("fake");
    expect(appComments(w, n)).toHaveLength(1);
  });
});

describe("the link next to the SEP metadata check on one event", () => {
  test("request cost of a synchronize with one SEP file: one read of the PR and its SEP text for the check and the link", async () => {
    // Sponsors named as users: role checks then need no team API call.
    const w = await startLink("roles:\n  maintainers: [LucaButBoring]\n  coreMaintainers: []\n  leadMaintainers: []\n");
    const n = await openPull(w, { [PATH]: sepText(2, { workingGroup: "agents-wg" }) });
    expect(pullOf(w, n).labels).toEqual(["agents-wg"]);
    // The check, the link and the agenda check read the PR with the same query and variables, the
    // SEP text in it (the branch's push named the file): it is sent once, even after the link's writes.
    expect(costOf(w, "opened").filter((r) => r.operation === "PullFacts")).toHaveLength(1);
    expect(costOf(w, "opened").filter((r) => r.operation === "PullFileTexts")).toHaveLength(0);

    await updatePull(w, n, { [PATH]: sepText(2, { workingGroup: "agents-wg" }) + "\nMore text.\n" });
    // PR with its text (shared), check-run write. Configuration and registry cached, link unchanged.
    expect(costOf(w, "synchronize").map(describeRequest)).toEqual(["POST PullFacts", "POST ConvenerWrites"]);
  });
});
