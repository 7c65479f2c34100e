import type { Config } from "../config-schema.js";
import { isKnownCommand, renderCommands, type CommandSpec } from "../../core/command-catalog.js";
import { parseCommands } from "../../core/commands.js";
import { defineFeature, type Feature, type FeatureContext } from "../../core/feature.js";
import { isBotAccount } from "../../core/identity.js";
import { findOwnComment, renderMarker } from "../../core/markers.js";
import { planStickyComment, type IssueRef, type Plan } from "../../core/plan.js";
import { renderTemplate } from "../../core/templates.js";

export interface HelpInput {
  target: IssueRef;
  commentId: number;
  help: boolean;
  unknown: string[];
  /** The app already answered this comment (a redelivery). */
  answered: boolean;
}

export const HELP_KEY = (commentId: number) => `help:${commentId}`;

export const helpCommand: CommandSpec = { name: "help", usage: "/help", who: () => "anyone", does: () => "Lists these commands." };

/** `/help` lists every command; an unknown command gets a short pointer to `/help`. */
export async function gatherHelp(ctx: FeatureContext, commands: readonly CommandSpec[]): Promise<HelpInput | null> {
  const { comment, issue } = ctx.payload;
  if (ctx.event !== "issue_comment.created" || !comment || !issue || isBotAccount(comment.user)) return null;
  const parsed = parseCommands(comment.body);
  const help = parsed.some((c) => c.name === "help");
  const unknown = [...new Set(parsed.filter((c) => !isKnownCommand(commands, c.name)).map((c) => c.name))];
  if (!help && unknown.length === 0) return null;
  const target = { ...ctx.repo, issue: issue.number };
  // Only the comments since the command: the answer follows it within seconds, so this is one page
  // however long the discussion (read whole all the same, as a second answer is what it prevents).
  const comments = await ctx.github.paginate("/repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: target.owner, repo: target.repo, issue_number: target.issue, since: comment.created_at,
  });
  return { target, commentId: comment.id, help, unknown, answered: findOwnComment(comments, HELP_KEY(comment.id), ctx.identity) !== null };
}

export function decideHelp(input: HelpInput, config: Config, commands: readonly CommandSpec[]): Plan {
  if (input.answered) return [];
  const marker = renderMarker(HELP_KEY(input.commentId));
  const rows = renderCommands(commands, config).map((c) => ({ ...c, usage: c.usage.replace(/\|/g, "\\|") }));
  const body = input.help
    ? renderTemplate("help-commands", { marker, commands: rows })
    : renderTemplate("help-unknown", { marker, names: input.unknown.map((n) => `\`/${n}\``).join(", ") });
  return planStickyComment(input.target, HELP_KEY(input.commentId), body, null, input.help ? "/help was asked" : "unknown command");
}

/** Help answers for the other features' commands, so it is built from their list; `/help` itself comes last. */
export function createHelp(features: readonly Feature[]): Feature<HelpInput> {
  const commands = [...features.flatMap((f) => f.commands ?? []), helpCommand];
  return defineFeature<HelpInput>({
    name: "help",
    on: ["issue_comment.created"],
    commands: [helpCommand],
    // No slash, no command: a plain comment costs nothing.
    accepts: (_event, payload) => typeof payload?.comment?.body === "string" && payload.comment.body.includes("/") && Boolean(payload.issue),
    gather: (ctx) => gatherHelp(ctx, commands),
    decide: (input, config) => decideHelp(input, config, commands),
  });
}
