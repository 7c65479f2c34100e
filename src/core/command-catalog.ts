/**
 * Every slash command the app understands, for `/help` and for telling an unknown command from a
 * known one. A feature that adds a command adds one entry here.
 */
export interface CommandEntry {
  name: string;
  usage: string;
  /** Who may use it, as shown to people. */
  who: string;
  does: string;
}

export const commandCatalog: CommandEntry[] = [
  { name: "vote", usage: "/vote", who: "community moderators", does: "Calls the moderators' vote on a group request labelled `group/ready` (open for 72 hours by default)." },
  { name: "vote", usage: "/vote yes|no|abstain", who: "anyone (only moderators' ballots count)", does: "Casts a ballot in the open vote; 👍/👎 on the vote comment work too. Your latest ballot before the deadline counts." },
  { name: "veto", usage: "/veto <reason>", who: "core and lead maintainers", does: "Vetoes a group request: closes an open vote, reverses an approval, closes the request as not planned. The `veto` label does the same." },
  { name: "unveto", usage: "/unveto", who: "core and lead maintainers", does: "Lifts the veto and restores the request's state before it (removing the `veto` label does the same)." },
  { name: "sponsor", usage: "/sponsor", who: "core and lead maintainers", does: "Sponsors a group request (sponsorship policy): two core maintainers or one lead maintainer approve it." },
  { name: "unsponsor", usage: "/unsponsor", who: "core and lead maintainers", does: "Withdraws your sponsorship." },
  { name: "keep-active", usage: "/keep-active <days> <reason>", who: "community moderators and maintainers", does: "On a `[retirement]` review issue: keeps the Working Group active for that many days (snoozes the review)." },
  { name: "retire", usage: "/retire", who: "core and lead maintainers", does: "On a `[retirement]` review issue: records the decision to retire the Working Group, labels the issue `group/retired` and closes it." },
  { name: "help", usage: "/help", who: "anyone", does: "Lists these commands." },
];

export function isKnownCommand(name: string): boolean {
  return commandCatalog.some((c) => c.name === name.toLowerCase());
}
