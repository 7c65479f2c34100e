import type { Config } from "../../config/schema.js";
import { commandCatalog, isKnownCommand } from "../../core/command-catalog.js";
import { parseCommands } from "../../core/commands.js";
import { defineFeature, type FeatureContext } from "../../core/feature.js";
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

/** `/help` lists every command; an unknown command gets a short pointer to `/help`. */
export async function gatherHelp(ctx: FeatureContext): Promise<HelpInput | null> {
  const { comment, issue } = ctx.payload;
  if (ctx.event !== "issue_comment.created" || !comment || !issue || isBotAccount(comment.user)) return null;
  const commands = parseCommands(comment.body);
  const help = commands.some((c) => c.name === "help");
  const unknown = [...new Set(commands.filter((c) => !isKnownCommand(c.name)).map((c) => c.name))];
  if (!help && unknown.length === 0) return null;
  const target = { ...ctx.repo, issue: issue.number };
  const comments = await ctx.github.paginate("/repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: target.owner, repo: target.repo, issue_number: target.issue, since: comment.created_at,
  });
  return { target, commentId: comment.id, help, unknown, answered: findOwnComment(comments, HELP_KEY(comment.id), ctx.identity) !== null };
}

export function decideHelp(input: HelpInput, _config: Config): Plan {
  if (input.answered) return [];
  const marker = renderMarker(HELP_KEY(input.commentId));
  const body = input.help
    ? renderTemplate("help-commands", { marker, commands: commandCatalog.map((c) => ({ ...c, usage: c.usage.replace(/\|/g, "\\|") })) })
    : renderTemplate("help-unknown", { marker, names: input.unknown.map((n) => `\`/${n}\``).join(", ") });
  return planStickyComment(input.target, HELP_KEY(input.commentId), body, null, input.help ? "/help was asked" : "unknown command");
}

export const help = defineFeature<HelpInput>({
  name: "help",
  on: ["issue_comment.created"],
  gather: gatherHelp,
  decide: decideHelp,
});
