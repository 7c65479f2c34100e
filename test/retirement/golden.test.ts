import { describe, test } from "@jest/globals";
import { defaultConfig } from "../../src/features/config-schema.js";
import type { TrackedItem } from "../../src/features/retirement/activity.js";
import { decideRetirementCommand } from "../../src/features/retirement/decide-command.js";
import type { RetirementCommandInput } from "../../src/features/retirement/gather-command.js";
import { renderLeadsComment, renderResumed, renderReviewBody, renderSnoozeExpired } from "../../src/features/retirement/render.js";
import type { ReviewIssue } from "../../src/features/retirement/review-issue.js";
import { measureStaleness, type GroupActivity } from "../../src/features/retirement/staleness.js";
import { expectGolden } from "../golden/expect-golden.js";

/** Every message of the retirement feature rendered with fixed input (shared golden harness). */
const NOW = new Date("2026-11-24T12:00:00Z");
const settings = defaultConfig.retirement;
const item = (number: number, state: TrackedItem["state"], at: string | null, actor = "alice", title = `Item ${number}`): TrackedItem => ({
  number, title, url: `https://github.com/mcp/community/issues/${number}`, isPullRequest: false, state, closedAt: null,
  lastHuman: at ? { at, actor, kind: "comment", number } : null,
});
const group: GroupActivity = {
  name: "Agents", tag: "agents-wg", kind: "wg", status: "active", leads: ["LucaButBoring", "CaitieM20"],
  items: [
    item(12, "open", "2026-10-01T09:00:00Z", "alice", "Tasks | stabilization <script>alert(1)</script> @everyone"),
    item(7, "closed", "2026-09-20T09:00:00Z", "bob"),
    item(30, "open", null),
  ],
  openCount: 2, unreadItems: 3,
};
const review: ReviewIssue = {
  number: 900, tag: "agents-wg", flaggedAt: "2026-11-01T00:00:00Z", state: "open", closedAt: null,
  labels: ["group/retirement-candidate", "agents-wg"], snooze: null, retired: false, expiryNotices: [], resumedNoticed: false,
  createdAt: "2026-11-01T00:00:00Z", leadsNotified: true, duplicateOf: null,
};
const command = (name: "keep-active" | "retire", rest: string, over: Partial<RetirementCommandInput> = {}): RetirementCommandInput => ({
  target: { owner: "mcp", repo: "community", issue: 900 }, commentId: 4242, commentedAt: NOW.toISOString(), author: "mod-mia",
  command: { name, args: rest ? rest.split(/\s+/) : [], rest, line: 1 },
  authorised: true, allowed: "community moderators or maintainers", review, groupName: "Agents", alreadyReplied: false, charter: null, ...over,
});
const replyOf = (input: RetirementCommandInput) => {
  const action = decideRetirementCommand(input, defaultConfig, NOW)[0];
  if (action?.kind !== "comment.create") throw new Error("expected a reply");
  return action.body;
};

describe("retirement messages (golden files)", () => {
  const staleness = measureStaleness(group, settings.staleDays, NOW);
  test("review issue", () => expectGolden("retirement-review", renderReviewBody(group, staleness, settings, NOW)));
  test("review issue with nothing tracked", () => {
    const empty = { ...group, items: [], openCount: 0, unreadItems: 0, leads: [] };
    expectGolden("retirement-review-empty", renderReviewBody(empty, measureStaleness(empty, 30, NOW), settings, NOW));
  });
  test("leads comment", () => expectGolden("retirement-leads", renderLeadsComment(group)!));
  test("resumed", () => expectGolden("retirement-resumed", renderResumed(group, { at: "2026-11-20T10:00:00Z", actor: "carol", kind: "review", number: 12 })));
  test("snooze expired", () =>
    expectGolden("retirement-snooze-expired", renderSnoozeExpired(group, { until: "2026-11-20T00:00:00Z", by: "mod-mia", comment: 1 }, staleness, settings)));
  test("keep-active accepted", () => expectGolden("retirement-keep-active", replyOf(command("keep-active", "14 waiting for the SDK @everyone"))));
  test("keep-active invalid", () => expectGolden("retirement-keep-active-invalid", replyOf(command("keep-active", "soon"))));
  test("retire accepted", () => expectGolden("retirement-retire", replyOf(command("retire", "", { author: "core-cora" }))));
  test("retire accepted, with the charter pull request", () => {
    const input = command("retire", "", { author: "core-cora", charter: { path: "docs/community/working-groups/agents.mdx", text: "---\ntitle: Agents Charter\n---\n", base: "main" } });
    const plan = decideRetirementCommand(input, { ...defaultConfig, retirement: { ...settings, openCharterPr: true } }, NOW);
    const reply = plan.find((a) => a.kind === "comment.create");
    const pull = plan.find((a) => a.kind === "pull.create");
    if (reply?.kind !== "comment.create" || pull?.kind !== "pull.create") throw new Error("expected a reply and a pull request");
    expectGolden("retirement-retire-charter-pr", reply.body);
    expectGolden("retirement-charter-pr", pull.body);
  });
  test("refused", () => expectGolden("retirement-refused", replyOf(command("retire", "", { authorised: false, allowed: "core maintainers or lead maintainers" }))));
  test("closed review", () => expectGolden("retirement-closed", replyOf(command("keep-active", "3 x", { review: { ...review, state: "closed" } }))));
});
