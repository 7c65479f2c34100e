import { findBlock, type NotesIssue } from "./notes-issue.js";

/**
 * The group's meeting before this one, so its notes can be linked and its open action items carried
 * over: the latest earlier meeting of the same group tag among the notes read, cancelled ones aside.
 */
export function findPreviousNotes(notes: readonly NotesIssue[], tag: string, date: string): (NotesIssue & { date: string }) | null {
  let best: (NotesIssue & { date: string }) | null = null;
  for (const n of notes) {
    const [noteTag, noteDate] = n.meeting.split("/") as [string, string | undefined];
    if (noteTag !== tag || !noteDate || noteDate >= date) continue;
    if (n.state === "closed" && n.stateReason === "NOT_PLANNED") continue;
    if (!best || noteDate > best.date) best = { ...n, date: noteDate };
  }
  return best;
}

const MAX_CARRIED = 50;

/**
 * Unchecked items (`- [ ] …`) of the people's "Action items" section, outside the app's block;
 * the empty placeholder item is not one.
 */
export function readOpenActionItems(body: string): string[] {
  const block = findBlock(body);
  const people = block ? body.slice(0, block.start) + body.slice(block.end) : body;
  const items: string[] = [];
  let inSection = false;
  for (const line of people.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      inSection = /^action items$/i.test(heading[1]!);
      continue;
    }
    const item = inSection ? /^\s*[-*+]\s+\[ \]\s+(\S.*?)\s*$/.exec(line) : null;
    if (item) items.push(item[1]!);
  }
  return items.slice(0, MAX_CARRIED);
}

/**
 * The notes section people fill in is still untouched when "Notes" holds nothing and no action
 * item was written (the template's empty ones aside).
 */
export function hasEmptyNotes(body: string): boolean {
  const block = findBlock(body);
  const people = block ? body.slice(block.end) : body;
  const notes = /^## Notes[ \t]*\r?\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(people);
  if (!notes) return false;
  return notes[1]!.trim() === "";
}
