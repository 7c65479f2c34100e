import { parseCommands } from "../../src/core/commands.js";
import { hasMarker } from "../../src/core/markers.js";
import type { Plan } from "../../src/core/plan.js";
import { configSchema, type Config, type ConfigInput } from "../../src/features/config-schema.js";
import { decideDecisions } from "../../src/features/decisions/decide.js";
import type { DecisionInput, OwnComment, RoleFlags } from "../../src/features/decisions/facts.js";
import { hashBody } from "../../src/features/decisions/request-check.js";

/**
 * A group request held in memory, driven by a fake clock: people comment, react and change labels;
 * after each step the real `decideDecisions` runs and its plan is applied to the state, as the
 * dispatcher and applyPlan would do on GitHub. Tests then read the state.
 */
export const T0 = Date.parse("2026-11-01T12:00:00Z");
export const hour = (h: number) => new Date(T0 + h * 3_600_000);

export const ROLES: Record<string, RoleFlags> = {
  mod1: { moderator: true, core: false, lead: false },
  mod2: { moderator: true, core: false, lead: false },
  mod3: { moderator: true, core: false, lead: false },
  core1: { moderator: false, core: true, lead: false },
  core2: { moderator: false, core: true, lead: false },
  lead1: { moderator: false, core: true, lead: true },
  mallory: { moderator: false, core: false, lead: false },
};

export class DecisionSim {
  readonly config: Config;
  labels = ["group-request", "working-group", "group/ready"];
  open = true;
  stateReason: string | null = null;
  own: OwnComment[] = [];
  comments: DecisionInput["comments"] = [];
  labelEvents: DecisionInput["vetoLabelEvents"] = [];
  plans: Plan[] = [];
  /** The request's description, and what intake's checks say of it now (set by a test that edits it). */
  body = "### Group name\nTransports";
  bodyEditedAt: string | null = null;
  intakeProblems: string[] = [];
  private nextId = 100;

  constructor(config: ConfigInput = {}) {
    this.config = configSchema.parse({ roles: { moderators: ["mod1", "mod2", "mod3"], coreMaintainers: ["core1", "core2"], leadMaintainers: ["lead1"] }, ...config });
  }

  input(trigger: DecisionInput["trigger"], now: Date): DecisionInput {
    const roles = Object.fromEntries(Object.entries(ROLES).map(([k, v]) => [k, v]));
    return {
      target: { owner: "o", repo: "r", issue: 1 },
      issue: {
        open: this.open,
        stateReason: this.stateReason,
        labels: [...this.labels],
        isRequest: this.labels.includes("group-request"),
        url: "https://github.com/o/r/issues/1",
        bodySha256: hashBody(this.body),
        lastEditedAt: this.bodyEditedAt,
        intakeProblems: [...this.intakeProblems],
      },
      comments: this.comments.map((c) => ({ ...c })),
      own: this.own.map((c) => ({ ...c, reactions: [...c.reactions] })),
      vetoLabelEvents: [...this.labelEvents],
      roles,
      trigger,
      moderators: ["mod1", "mod2", "mod3"],
      holders: { moderators: ["@mod1", "@mod2", "@mod3"], maintainers: ["@core1", "@core2", "@lead1"] },
      unread: [],
    };
  }

  /** Runs the decision at `now` and applies its plan; returns the plan. */
  run(now: Date, trigger: DecisionInput["trigger"] = null): Plan {
    const plan = decideDecisions(this.input(trigger, now), this.config, now);
    this.apply(plan, now);
    this.plans.push(plan);
    return plan;
  }

  comment(h: number, author: string, body: string, options: { editedAt?: number; run?: boolean } = {}): Plan {
    const c = {
      id: this.nextId++,
      author,
      createdAt: hour(h).toISOString(),
      lastEditedAt: options.editedAt !== undefined ? hour(options.editedAt).toISOString() : null,
      commands: parseCommands(body),
      url: `https://github.com/o/r/issues/1#issuecomment-${this.nextId - 1}`,
    };
    this.comments.push(c);
    if (options.run === false) return [];
    return this.run(hour(options.editedAt ?? h), { commentId: c.id, author, createdAt: c.createdAt, commands: c.commands });
  }

  /** The requester edits the description at hour `h`; `problems` is what intake's checks say of the new text. */
  editBody(h: number, body: string, problems: string[] = []): Plan {
    this.body = body;
    this.bodyEditedAt = hour(h).toISOString();
    this.intakeProblems = problems;
    return this.run(hour(h));
  }

  react(h: number, user: string, content: "THUMBS_UP" | "THUMBS_DOWN"): void {
    const vote = [...this.own].reverse().find((c) => /convener:decisions:vote:\d+/.test(c.body));
    if (!vote) throw new Error("no vote comment to react to");
    vote.reactions.push({ content, user, createdAt: hour(h).toISOString(), isBot: false });
  }

  label(h: number, actor: string, action: "labeled" | "unlabeled", name = "veto"): Plan {
    if (action === "labeled" && !this.labels.includes(name)) this.labels.push(name);
    if (action === "unlabeled") this.labels = this.labels.filter((l) => l !== name);
    if (name === "veto") this.labelEvents.push({ action, actor, at: hour(h).toISOString() });
    return this.run(hour(h));
  }

  ownWith(key: string): OwnComment[] {
    return this.own.filter((c) => hasMarker(c.body, key));
  }

  results(): OwnComment[] {
    return this.own.filter((c) => /convener:decisions:result:\d+/.test(c.body));
  }

  replies(): OwnComment[] {
    return this.own.filter((c) => /convener:decisions:reply:/.test(c.body));
  }

  private apply(plan: Plan, now: Date): void {
    for (const a of plan) {
      switch (a.kind) {
        case "comment.create":
          this.own.push({ id: this.nextId++, body: a.body, createdAt: now.toISOString(), reactions: [] });
          break;
        case "comment.update":
          this.own.find((c) => c.id === a.commentId)!.body = a.body;
          break;
        case "labels.add":
          for (const l of a.labels) if (!this.labels.includes(l)) this.labels.push(l);
          break;
        case "label.remove":
          this.labels = this.labels.filter((l) => l !== a.label);
          break;
        case "issue.update":
          if (a.state) this.open = a.state === "open";
          this.stateReason = a.stateReason ?? null;
          break;
        default:
          throw new Error(`decisions never plan ${a.kind}`);
      }
    }
  }
}
