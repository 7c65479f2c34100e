import { describe, expect, test } from "@jest/globals";
import { configSchema } from "../../src/features/config-schema.js";
import { features } from "../../src/features/index.js";
import type { HelpInput } from "../../src/features/help/index.js";

const help = features.find((f) => f.name === "help")!;
const target = { owner: "o", repo: "r", issue: 1 };
const input: HelpInput = { target, commentId: 5, help: true, unknown: [], answered: false };

function helpText(raw: object): string {
  const [reply] = help.decide!(input, configSchema.parse(raw), new Date(0));
  return (reply as { body: string }).body;
}

describe("/help follows the configuration", () => {
  test("labels, the vote duration, sponsor counts and the review prefix are the configured ones", () => {
    const text = helpText({
      intake: { labels: { ready: "status: ready" } },
      decisions: { voteDuration: "5d", sponsorship: { coreMaintainers: 3, leadMaintainers: 1 }, labels: { veto: "blocked" } },
      retirement: { titlePrefix: "[dormant]", maxSnoozeDays: 90, labels: { retired: "wg/retired" } },
    });
    expect(text).toContain("labelled `status: ready` (open for 5 days)");
    expect(text).toContain("The `blocked` label does the same.");
    expect(text).toContain("removing the `blocked` label does the same");
    expect(text).toContain("three core maintainers or one lead maintainer approve it");
    expect(text).toContain("On a `[dormant]` review issue: keeps the Working Group active for that many days, at most 90");
    expect(text).toContain("labels the issue `wg/retired` and closes it");
    for (const stale of ["72 hours", "group/ready", "`veto`", "[retirement]", "group/retired"]) expect(text).not.toContain(stale);
  });

  test("a vote measured in hours reads in hours; one hour is singular", () => {
    expect(helpText({ decisions: { voteDuration: "48h" } })).toContain("(open for 48 hours)");
    expect(helpText({ decisions: { voteDuration: "1h" } })).toContain("(open for 1 hour)");
  });

  test("every feature's commands are listed, /help last", () => {
    const usages = [...helpText({}).matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]);
    expect(usages).toEqual([
      "/vote", "/vote yes\\|no\\|abstain", "/veto <reason>", "/unveto", "/sponsor", "/unsponsor",
      "/propose minor\\|significant [--scope] <summary>", "/block <objection>", "/unblock [@member]", "/formal-vote", "/vote yes\\|no\\|abstain <rationale>",
      "/keep-active <days> <reason>", "/retire", "/help",
    ]);
  });
});
