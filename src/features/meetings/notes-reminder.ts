import { hasMarker, renderMarker } from "../../core/markers.js";
import { renderTemplate } from "../../core/templates.js";
import type { MeetingsConfig } from "./config.js";
import { currentBlock, readBlockStart, type NotesIssue } from "./notes-issue.js";
import { hasEmptyNotes } from "./previous-notes.js";

const HOUR = 3_600_000;
/** Past this, a meeting is history: turning the feature on does not remind of every old meeting. */
const REMIND_WINDOW_MS = 14 * 24 * HOUR;

export const reminderMarker = (meeting: string) => `meeting-notes-reminder:${meeting}`;

/** Whether the app's reminder is among the notes' comments that were read. */
export function hasReminder(comments: readonly { body: string; viewerDidAuthor?: boolean }[], meeting: string): boolean {
  return comments.some((c) => c.viewerDidAuthor && hasMarker(c.body, reminderMarker(meeting)));
}

/** The facilitator's login, when the app's block names one as an `@handle` (shown without mentioning: `@` + U+200D). */
export function readFacilitatorLogin(body: string): string | null {
  return /^\| \*\*Facilitator\*\* \| @\u200d?([A-Za-z0-9-]{1,39}) \|$/m.exec(currentBlock(body) ?? "")?.[1] ?? null;
}

/**
 * The notes that get one reminder to their facilitator: open, the meeting started at least
 * `notesReminderAfter` hours ago (and less than two weeks), the Notes section still empty, a
 * facilitator `@handle` in the block, and no reminder yet (read with the notes' newest comments).
 */
export function listReminders(notes: readonly NotesIssue[], settings: MeetingsConfig, now: Date): { notes: NotesIssue; login: string; body: string }[] {
  const after = settings.notesReminderAfter * HOUR;
  return notes.flatMap((n) => {
    const start = readBlockStart(n.body);
    const login = readFacilitatorLogin(n.body);
    if (n.state !== "open" || n.reminded !== false || start === null || !login) return [];
    const since = now.getTime() - start;
    if (since < after || since > after + REMIND_WINDOW_MS || !hasEmptyNotes(n.body)) return [];
    const body = renderTemplate("meeting-notes-reminder", {
      marker: renderMarker(reminderMarker(n.meeting)), login, date: n.meeting.split("/")[1], hours: Math.floor(since / HOUR),
    });
    return [{ notes: n, login, body }];
  });
}
