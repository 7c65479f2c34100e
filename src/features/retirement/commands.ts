import { describeRoles, type CommandSpec } from "../../core/command-catalog.js";
import { COMMAND_ROLES } from "./gather-command.js";

/** The retirement feature's commands: who may use them is the same table the feature enforces. */
export const retirementCommands: readonly CommandSpec[] = [
  {
    name: "keep-active", usage: "/keep-active <days> <reason>", who: () => describeRoles(COMMAND_ROLES["keep-active"]),
    does: (c) => `On a \`${c.retirement.titlePrefix}\` review issue: keeps the Working Group active for that many days, at most ${c.retirement.maxSnoozeDays} (snoozes the review).`,
  },
  {
    name: "retire", usage: "/retire", who: () => describeRoles(COMMAND_ROLES.retire),
    does: (c) => `On a \`${c.retirement.titlePrefix}\` review issue: records the decision to retire the Working Group, labels the issue \`${c.retirement.labels.retired}\` and closes it.`,
  },
];
