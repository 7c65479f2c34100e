import { isAppComment, type AppIdentity } from "../../core/identity.js";
import { parseMarkers, renderMarker } from "../../core/markers.js";
import type { AuthorNode, NotesIssueNode } from "./query.js";
import { hasReminder } from "./notes-reminder.js";

/**
 * A meeting's notes issue carries `<!-- convener:meeting:<tag>/<date> -->` at the start of the
 * app-owned block and `<!-- convener:meeting-end -->` at its end. Everything outside the block
 * belongs to people (attendees, notes, decisions) and is never rewritten.
 */
export interface NotesIssue {
  /** Set when the notes are a Discussion (`meetings.notes: discussion`). */
  kind?: "discussion";
  number: number;
  /** GraphQL node id, when read: writes on the issue need no lookup. */
  nodeId?: string;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  url: string;
  labels: string[];
  /** `<tag>/<date>` of the meeting, from the marker. */
  meeting: string;
  /** Whether the app reminded the facilitator of empty notes; unset when the comments were not read. */
  reminded?: boolean;
}

export const BLOCK_END_KEY = "meeting-end";
/** `<!-- convener:meeting-sequence N -->` in the block: how often the meeting changed (iCalendar SEQUENCE). */
export const SEQUENCE_KEY = "meeting-sequence";

export function meetingKey(tag: string, date: string): string {
  return `${tag}/${date}`;
}

export function renderStartMarker(tag: string, date: string): string {
  return renderMarker(`meeting:${meetingKey(tag, date)}`);
}

export function renderEndMarker(): string {
  return renderMarker(BLOCK_END_KEY);
}

/** Anyone can paste a marker into an issue: only issues the app's bot account opened are believed. */
export function isAppAuthored(node: { viewerDidAuthor?: boolean; author: AuthorNode | null }, identity: AppIdentity): boolean {
  if (node.author?.__typename !== "Bot") return false;
  if (node.viewerDidAuthor) return true;
  // GraphQL names a bot without the `[bot]` suffix REST uses.
  return isAppComment({ user: { login: `${node.author.login.replace(/\[bot\]$/, "")}[bot]`, type: "Bot" } }, identity);
}

export function toNotesIssue(node: NotesIssueNode, identity: AppIdentity): NotesIssue | null {
  if (!isAppAuthored(node, identity)) return null;
  const marker = parseMarkers(node.body).find((m) => m.key.startsWith("meeting:"));
  if (!marker) return null;
  return {
    ...(node.kind === "discussion" ? { kind: "discussion" as const } : {}),
    number: node.number,
    ...(node.id ? { nodeId: node.id } : {}),
    title: node.title,
    body: node.body,
    state: node.state === "OPEN" ? "open" : "closed",
    stateReason: node.stateReason,
    url: node.url,
    labels: node.labels.nodes.map((l) => l.name),
    meeting: marker.key.slice("meeting:".length),
    ...(node.comments ? { reminded: hasReminder(node.comments.nodes, marker.key.slice("meeting:".length)) } : {}),
  };
}

const START = /<!-- convener:meeting:[a-z0-9._/-]+ -->/;
const END = /<!-- convener:meeting-end -->/;

/** The app-owned block of a body, or null when people broke its markers (the body is then left alone). */
export function findBlock(body: string): { start: number; end: number } | null {
  const start = START.exec(body);
  if (!start) return null;
  const rest = body.slice(start.index);
  const end = END.exec(rest);
  if (!end) return null;
  return { start: start.index, end: start.index + end.index + end[0].length };
}

/** The body with its app block replaced by `block`; people's text before and after stays byte for byte. */
export function replaceBlock(body: string, block: string): string | null {
  const found = findBlock(body);
  if (!found) return null;
  return body.slice(0, found.start) + block.trim() + body.slice(found.end);
}

export function currentBlock(body: string): string | null {
  const found = findBlock(body);
  return found ? body.slice(found.start, found.end) : null;
}

/**
 * The meeting's start as the app wrote it in its own block (`| **UTC** | 2027-03-15 16:00 UTC |`),
 * in ms; null when the block or the row is missing (people broke it, or an older template).
 */
export function readBlockStart(body: string): number | null {
  const m = /^\| \*\*UTC\*\* \| (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC \|$/m.exec(currentBlock(body) ?? "");
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** The commit the app's block was rendered from (the file link's `/blob/<sha>/`), or null. */
export function readBlockCommit(body: string): string | null {
  return /\/blob\/([0-9a-f]{40})\//.exec(currentBlock(body) ?? "")?.[1] ?? null;
}

/** The meeting's change count the app recorded in its block; 0 when none (never changed). */
export function readBlockSequence(body: string): number {
  const m = /<!-- convener:meeting-sequence (\d{1,6}) -->/.exec(currentBlock(body) ?? "");
  return m ? Number(m[1]) : 0;
}
