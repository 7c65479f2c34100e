import { describe, expect, test } from "@jest/globals";
import { join } from "node:path";
import { features } from "../../src/features/index.js";
import type { HelpInput } from "../../src/features/help/index.js";
import { defaultConfig } from "../../src/features/config-schema.js";
import { DecisionSim, hour } from "../support/decisions-sim.js";
import { expectGolden as expectSharedGolden } from "../golden/expect-golden.js";

const DIR = join(process.cwd(), "test", "decisions", "golden");

// The shared harness: a missing golden file fails (UPDATE_GOLDEN=1 writes it), it is never silently written.
const expectGolden = (file: string, text: string) => expectSharedGolden(file.replace(/\.md$/, ""), text, { dir: DIR });

const bodyOf = (sim: DecisionSim, pattern: RegExp) => {
  const found = sim.own.find((c) => pattern.test(c.body));
  if (!found) throw new Error(`no comment matching ${pattern}`);
  return found.body;
};

describe("decision message templates", () => {
  test("vote comment, passed result with non-binding and late ballots", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote");
    sim.comment(1, "mod1", "/vote yes");
    sim.react(2, "mod2", "THUMBS_UP");
    sim.comment(3, "mallory", "/vote no");
    sim.comment(73, "mod3", "/vote no", { run: false });
    sim.run(hour(74));
    expectGolden("vote-open.md", bodyOf(sim, /decisions:vote:1/));
    expectGolden("vote-passed.md", bodyOf(sim, /decisions:result:1/));
    expectGolden("reply-non-binding.md", bodyOf(sim, /decisions:reply:/));
  });

  test("failed result (tie)", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote");
    sim.comment(1, "mod1", "/vote yes");
    sim.comment(2, "mod2", "/vote no");
    sim.run(hour(72));
    expectGolden("vote-failed.md", bodyOf(sim, /decisions:result:1/));
  });

  test("vetoed during the vote, then lifted", () => {
    const sim = new DecisionSim();
    sim.comment(0, "mod1", "/vote");
    sim.comment(5, "core1", "/veto Overlaps with @everyone's <b>auth-ig</b>");
    expectGolden("vote-vetoed.md", bodyOf(sim, /decisions:result:1/));
    expectGolden("veto.md", bodyOf(sim, /decisions:veto:/));
    sim.comment(6, "lead1", "/unveto");
    expectGolden("veto-lifted.md", bodyOf(sim, /decisions:veto:/));
  });

  test("unauthorised label replies", () => {
    const sim = new DecisionSim();
    sim.label(1, "mallory", "labeled");
    expectGolden("reply-label-added.md", bodyOf(sim, /decisions:reply:/));
  });

  test("sponsorship", () => {
    const sim = new DecisionSim({ decisions: { policy: "sponsorship" } });
    sim.comment(1, "core1", "/sponsor");
    sim.comment(2, "core2", "/sponsor");
    expectGolden("sponsored.md", bodyOf(sim, /decisions:sponsorship/));
    sim.comment(3, "mod1", "/sponsor\n/vote");
    expectGolden("reply-two-refusals.md", bodyOf(sim, /decisions:reply:/));
  });

  test("/help and an unknown command", () => {
    const help = features.find((f) => f.name === "help")!;
    const decideHelp = (input: HelpInput, config: typeof defaultConfig) => help.decide!(input, config, new Date(0));
    const target = { owner: "o", repo: "r", issue: 1 };
    const [helpReply] = decideHelp({ target, commentId: 5, help: true, unknown: [], answered: false }, defaultConfig);
    const [unknown] = decideHelp({ target, commentId: 6, help: false, unknown: ["votee"], answered: false }, defaultConfig);
    expectGolden("help.md", (helpReply as { body: string }).body);
    expectGolden("unknown-command.md", (unknown as { body: string }).body);
    expect(decideHelp({ target, commentId: 6, help: false, unknown: ["votee"], answered: true }, defaultConfig)).toEqual([]);
  });
});
