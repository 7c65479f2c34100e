import { describe, expect, test } from "@jest/globals";
import { defaultConfig, type Config } from "../../src/features/config-schema.js";
import { readTrackedItem, type TrackedItem } from "../../src/features/retirement/activity.js";
import { decideGroup, decideRetirementSweep, type Verdict } from "../../src/features/retirement/decide-sweep.js";
import type { GqlItem } from "../../src/features/retirement/queries.js";
import type { ReviewIssue } from "../../src/features/retirement/review-issue.js";
import type { GroupActivity } from "../../src/features/retirement/staleness.js";

const NOW = new Date("2026-11-24T12:00:00Z");
const REPO = { owner: "mcp", repo: "community" };
const APP = { login: "convener[bot]", appId: 1 };
const settings = defaultConfig.retirement;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const human = (login: string) => ({ __typename: "User", login });
const bot = (login: string) => ({ __typename: "Bot", login });

/** A tracked item built from a GraphQL node, so the bot filter runs for real. */
function item(number: number, opts: { state?: "OPEN" | "CLOSED"; events?: [string, { __typename: string; login: string }, number][]; openedBy?: [{ __typename: string; login: string }, number] } = {}): TrackedItem {
  const [author, openedDaysAgo] = opts.openedBy ?? [human("opener"), 400];
  const node: GqlItem = {
    number,
    title: `Item ${number}`,
    url: `https://github.com/mcp/community/issues/${number}`,
    state: opts.state ?? "OPEN",
    createdAt: daysAgo(openedDaysAgo),
    closedAt: opts.state === "CLOSED" ? daysAgo(1) : null,
    updatedAt: daysAgo(0),
    author,
    timelineItems: {
      nodes: (opts.events ?? []).map(([type, actor, ago]) =>
        type === "IssueComment" ? { __typename: type, createdAt: daysAgo(ago), author: actor } : { __typename: type, createdAt: daysAgo(ago), actor },
      ),
    },
  };
  return readTrackedItem(node, APP);
}

function group(items: TrackedItem[], over: Partial<GroupActivity> = {}): GroupActivity {
  return {
    name: "Agents",
    tag: "agents-wg",
    kind: "wg",
    status: "active",
    leads: ["lead-one", "lead-two"],
    items,
    openCount: items.filter((i) => i.state === "open").length,
    unreadItems: 0,
    ...over,
  };
}

function review(over: Partial<ReviewIssue> = {}): ReviewIssue {
  return {
    number: 900, tag: "agents-wg", flaggedAt: daysAgo(10), state: "open", closedAt: null, labels: ["group/retirement-candidate", "agents-wg"],
    snooze: null, retired: false, expiryNotices: [], resumedNoticed: false, createdAt: daysAgo(10), leadsNotified: true, duplicateOf: null, ...over,
  };
}

interface Row {
  name: string;
  group: GroupActivity;
  reviews?: ReviewIssue[];
  verdict: Verdict;
  kinds: string[];
}

const rows: Row[] = [
  { name: "active: a human commented 3 days ago on an open item", group: group([item(1, { events: [["IssueComment", human("alice"), 3]] })]), verdict: "active", kinds: [] },
  { name: "stale by time: last human activity 45 days ago", group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]), verdict: "flag", kinds: ["issue.create"] },
  {
    name: "stale because nothing is open (recent work, all closed)",
    group: group([item(1, { state: "CLOSED", events: [["ClosedEvent", human("alice"), 2]] })]),
    verdict: "flag",
    kinds: ["issue.create"],
  },
  {
    name: "only bot activity: bots commented and labelled yesterday, the last human 60 days ago",
    group: group([item(1, { events: [["IssueComment", bot("dependabot"), 1], ["LabeledEvent", bot("convener"), 1], ["IssueComment", human("github-actions[bot]"), 1], ["IssueComment", human("alice"), 60]] })]),
    verdict: "flag",
    kinds: ["issue.create"],
  },
  {
    name: "only bot activity ever: an item opened by a bot",
    group: group([item(1, { openedBy: [bot("renovate"), 2], events: [["IssueComment", bot("renovate"), 1]] })]),
    verdict: "flag",
    kinds: ["issue.create"],
  },
  {
    name: "stale, its open review lost the candidate label to a person: no second issue",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })], { openReviews: [900] }),
    verdict: "flagged",
    kinds: [],
  },
  { name: "already flagged and still stale: no second issue", group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]), reviews: [review()], verdict: "flagged", kinds: [] },
  {
    name: "activity resumed: a human commented after the flag",
    group: group([item(1, { events: [["IssueComment", human("alice"), 2]] })]),
    reviews: [review({ flaggedAt: daysAgo(10) })],
    verdict: "resumed",
    kinds: ["comment.create", "label.remove", "issue.update"],
  },
  {
    name: "activity resumed, the comment already posted by a run cut short: only the label and the close",
    group: group([item(1, { events: [["IssueComment", human("alice"), 2]] })]),
    reviews: [review({ flaggedAt: daysAgo(10), resumedNoticed: true })],
    verdict: "resumed",
    kinds: ["label.remove", "issue.update"],
  },
  {
    name: "bot activity after the flag is not resumed work",
    group: group([item(1, { events: [["IssueComment", bot("dependabot"), 1], ["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ flaggedAt: daysAgo(10) })],
    verdict: "flagged",
    kinds: [],
  },
  {
    name: "snoozed: /keep-active until next month, still stale",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ snooze: { until: daysAgo(-20), by: "mod", comment: 5 } })],
    verdict: "snoozed",
    kinds: [],
  },
  {
    name: "snooze expired and still stale: one notice",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ snooze: { until: daysAgo(1), by: "mod", comment: 5 } })],
    verdict: "snooze-expired",
    kinds: ["comment.create"],
  },
  {
    name: "snooze expired, notice already given: nothing more",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ snooze: { until: daysAgo(1), by: "mod", comment: 5 }, expiryNotices: [daysAgo(1)] })],
    verdict: "flagged",
    kinds: [],
  },
  {
    name: "two open reviews left by racing sweeps: the newer is closed with a link, the older kept",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ number: 902 }), review({ number: 901 })],
    verdict: "flagged",
    kinds: ["comment.create", "issue.update"],
  },
  {
    name: "a review already closed as a duplicate is no review: nothing more",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ number: 901 }), review({ number: 902, state: "closed", closedAt: daysAgo(1), duplicateOf: 901 })],
    verdict: "flagged",
    kinds: [],
  },
  {
    name: "a review whose creator stopped before mentioning the leads: the leads comment",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ leadsNotified: false })],
    verdict: "flagged",
    kinds: ["comment.create"],
  },
  {
    name: "a review opened minutes ago without its leads comment yet: its creator posts it, not this run",
    group: group([item(1, { events: [["IssueComment", human("alice"), 45]] })]),
    reviews: [review({ leadsNotified: false, createdAt: new Date(NOW.getTime() - 5 * 60_000).toISOString() })],
    verdict: "flagged",
    kinds: [],
  },
  {
    name: "retired by /retire: skipped",
    group: group([]),
    reviews: [review({ state: "closed", retired: true, labels: ["group/retired"] })],
    verdict: "skipped-retired",
    kinds: [],
  },
  { name: "retired in the charter: skipped", group: group([], { status: "retired" }), verdict: "skipped-retired", kinds: [] },
  { name: "IG: no time limit, skipped", group: group([], { kind: "ig", tag: "auth-ig", name: "Auth" }), verdict: "skipped-ig", kinds: [] },
  {
    name: "a human closed the last review 5 days ago: not asked again yet",
    group: group([]),
    reviews: [review({ state: "closed", closedAt: daysAgo(5) })],
    verdict: "dismissed",
    kinds: [],
  },
  {
    name: "a review dismissed 40 days ago: asked again",
    group: group([]),
    reviews: [review({ state: "closed", closedAt: daysAgo(40) })],
    verdict: "flag",
    kinds: ["issue.create"],
  },
];

describe("retirement: the pure decision for one group", () => {
  for (const row of rows) {
    test(row.name, () => {
      const d = decideGroup(row.group, row.reviews ?? [], REPO, settings, NOW);
      expect(d.verdict).toBe(row.verdict);
      expect(d.plan.map((a) => a.kind)).toEqual(row.kinds);
    });
  }

  test("the review issue: title, labels, leads mentioned once, evidence table with bot activity ignored", () => {
    const g = group([
      item(12, { events: [["IssueComment", bot("dependabot"), 1], ["IssueComment", human("alice"), 45]] }),
      item(7, { state: "CLOSED", events: [["ClosedEvent", human("bob"), 35]] }),
    ]);
    const [action] = decideGroup(g, [], REPO, settings, NOW).plan;
    if (action?.kind !== "issue.create") throw new Error("expected issue.create");
    expect(action.title).toBe("[retirement] Agents");
    expect(action.labels).toEqual(["group/retirement-candidate", "agents-wg"]);
    // Named in the body without a mention; mentioned once, in the comment only the surviving run posts.
    expect(action.body).not.toMatch(/@lead-one/);
    expect(action.body).toContain("@\u200dlead-one");
    expect(action.comments).toHaveLength(1);
    expect(action.comments![0]!.match(/@lead-one\b/g)).toHaveLength(1);
    expect(action.comments![0]).toContain("<!-- convener:retirement-leads {} -->");
    expect(action.body).toContain("| [#12](https://github.com/mcp/community/issues/12) Item 12 | 2026-10-10, @\u200dalice (comment) | open |");
    expect(action.body).toContain("| [#7](https://github.com/mcp/community/issues/7) Item 7 | 2026-10-20, @\u200dbob (state change) | closed |");
    expect(action.body).toContain('<!-- convener:retirement-review:agents-wg:2026-11-24 {"tag":"agents-wg","flaggedAt":"2026-11-24T12:00:00.000Z","mentions":"comment"} -->');
    expect(action.body).not.toContain("dependabot");
  });

  test("the resumed comment names the activity", () => {
    const g = group([item(3, { events: [["LabeledEvent", human("carol"), 2]] })]);
    const [comment] = decideGroup(g, [review()], REPO, settings, NOW).plan;
    expect(comment?.kind === "comment.create" && comment.body).toContain("@\u200dcarol (label change) on [#3](https://github.com/mcp/community/issues/3) on 2026-11-22");
  });
});

describe("retirement: the sweep plan over many groups", () => {
  const config = (over: Partial<Config["retirement"]>): Config => ({ ...defaultConfig, retirement: { ...settings, ...over } });
  const stale = (tag: string, idle: number) => group([item(1, { events: [["IssueComment", human("a"), idle]] })], { tag, name: tag });

  test("one unit per group, nothing capped here: duplicates first, then resumed reviews, then the longest idle groups", () => {
    const groups = [stale("a-wg", 40), stale("b-wg", 90), stale("c-wg", 60), group([item(2, { events: [["IssueComment", human("x"), 1]] })], { tag: "d-wg", name: "d-wg" }), stale("e-wg", 50)];
    const reviews = [review({ tag: "d-wg" }), review({ tag: "e-wg", number: 950 }), review({ tag: "e-wg", number: 951 })];
    const { units } = decideRetirementSweep({ repo: REPO, groups, reviews }, config({ maxWritesPerRun: 5 }), NOW);
    expect(units.map((u) => u.map((a) => `${a.kind} ${"title" in a ? a.title : ""}`.trim()))).toEqual([
      ["comment.create", "issue.update"],
      ["comment.create", "label.remove", "issue.update"],
      ["issue.create [retirement] b-wg"],
      ["issue.create [retirement] c-wg"],
      ["issue.create [retirement] a-wg"],
    ]);
    const [notice] = units[0]!;
    expect(notice?.target).toEqual({ ...REPO, issue: 951 });
    expect(notice?.kind === "comment.create" && notice.body).toContain("duplicate of #950");
  });

  test("disabled: no plan", () => {
    expect(decideRetirementSweep({ repo: REPO, groups: [stale("a-wg", 40)], reviews: [] }, config({ enabled: false }), NOW)).toEqual({ units: [] });
  });

  test("staleDays is configurable", () => {
    const plan = decideRetirementSweep({ repo: REPO, groups: [stale("a-wg", 40)], reviews: [] }, config({ staleDays: 60 }), NOW);
    expect(plan).toEqual({ units: [] });
  });
});
