import type { Config } from "../features/config-schema.js";
import { ROLE_TITLES, type RoleName } from "./roles.js";

/**
 * A slash command as a feature declares it. `who` and `does` read the configuration, so `/help`
 * names the labels, durations and thresholds this repository actually uses.
 */
export interface CommandSpec {
  name: string;
  usage: string;
  /** Who may use it, as shown to people. */
  who(config: Config): string;
  does(config: Config): string;
}

/** A command as `/help` shows it. */
export interface CommandEntry {
  name: string;
  usage: string;
  who: string;
  does: string;
}

export function renderCommands(specs: readonly CommandSpec[], config: Config): CommandEntry[] {
  return specs.map((c) => ({ name: c.name, usage: c.usage, who: c.who(config), does: c.does(config) }));
}

export function isKnownCommand(specs: readonly CommandSpec[], name: string): boolean {
  return specs.some((c) => c.name === name.toLowerCase());
}

/** `["core maintainers", "lead maintainers"]` → "core maintainers and lead maintainers". */
export function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

export function describeRoles(roles: readonly RoleName[]): string {
  return joinWords(roles.map((r) => ROLE_TITLES[r]), "and");
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** `(2, "core maintainer")` → "two core maintainers". */
export function countOf(count: number, noun: string): string {
  return `${NUMBER_WORDS[count] ?? String(count)} ${noun}${count === 1 ? "" : "s"}`;
}
