import type { StandIn } from "../../sandbox/src/stand-in.js";
import type { Comment } from "../../sandbox/src/state.js";

/**
 * Long discussions, written into the stand-in's state without webhooks (as if they had happened
 * before the test): `count` comments on issue `number`, the i-th written by `authorOf(i)` with
 * `bodyOf(i)`, one second apart from the stand-in's now on (so they follow what came before). The app's own comments are those by its bot login.
 */
export function seedComments(
  standIn: StandIn, fullName: string, number: number, count: number, bodyOf: (i: number) => string, authorOf: (i: number) => string = (i) => `user${i % 7}`,
): Comment[] {
  const issue = standIn.control.issueOf(fullName, number);
  const start = Date.parse(standIn.state.now());
  const added: Comment[] = [];
  for (let i = 0; i < count; i++) {
    const user = authorOf(i);
    standIn.control.user(user);
    const at = new Date(start + i * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const comment: Comment = { id: standIn.state.id(), body: bodyOf(i), user, viaApp: user === standIn.state.app.botLogin, created_at: at, updated_at: at, reactions: [] };
    issue.comments.push(comment);
    added.push(comment);
  }
  return added;
}

/** Reactions on a comment from each of `logins`, recorded without webhooks (GitHub sends none for reactions). */
export function seedReactions(standIn: StandIn, comment: Comment, logins: readonly string[], content: string): void {
  for (const user of logins) {
    standIn.control.user(user);
    comment.reactions.push({ id: standIn.state.id(), content, user, created_at: standIn.state.now() });
  }
}
