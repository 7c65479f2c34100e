import { renderMarker } from "../../core/markers.js";
import { rewriteRelativeLinks } from "./relative-links.js";
import { renderTemplate } from "../../core/templates.js";
import type { RepoRef } from "../../core/plan.js";
import type { Agenda, AgendaProblem } from "./parse-agenda.js";
import { PROBLEMS_MARKER } from "./read-at-commit.js";
import { renderEndMarker, renderStartMarker, SEQUENCE_KEY } from "./notes-issue.js";

const MAX_AGENDA_CHARS = 40_000; // GitHub refuses issue bodies over 65,536 characters

/** Agenda Markdown stays Markdown, but cannot mention people, inject HTML or fake a marker. */
export function sanitizeMarkdown(text: string): string {
  const short = text.length > MAX_AGENDA_CHARS ? text.slice(0, MAX_AGENDA_CHARS) + "\n\n… (agenda truncated; see the file)" : text;
  return short.replace(/</g, "&lt;").replace(/@(?=[A-Za-z0-9])/g, "@\u200d");
}

/**
 * App-written problem text that may quote a user's key or value. Outside code spans `<` becomes
 * `&lt;` (no HTML) and `@` cannot mention; inside a code span GitHub shows text literally (no HTML,
 * no mentions, and entities are NOT decoded), so it is left as is: `` `<group-tag>` `` reads right.
 */
export function sanitizeMessage(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  let out = "";
  let at = 0;
  // A code span: a run of N backticks, then text, then a run of exactly N backticks (CommonMark).
  for (const m of flat.matchAll(/(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/g)) {
    out += escapeOutsideCode(flat.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + escapeOutsideCode(flat.slice(at));
}

function escapeOutsideCode(text: string): string {
  return text.replace(/</g, "&lt;").replace(/@/g, "@\u200d");
}

function safeUrl(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => encodeURIComponent(c));
}

export interface BlockContext {
  repo: RepoRef;
  htmlUrl: string;
  sha: string;
  groupName: string;
}

/**
 * The app's block; `sequence` counts the changes of the meeting since its notes were opened (the
 * calendar's SEQUENCE), kept in a hidden marker before the block's end (none while it is 0).
 */
export function renderNotesBlock(agenda: Agenda, at: BlockContext, sequence = 0): string {
  const fileUrl = `${at.htmlUrl}/blob/${at.sha}/${agenda.path.split("/").map(encodeURIComponent).join("/")}`;
  return renderTemplate("meeting-notes-block", {
    startMarker: renderStartMarker(agenda.tag, agenda.date),
    endMarker: sequence > 0 ? `<!-- convener:${SEQUENCE_KEY} ${sequence} -->\n${renderEndMarker()}` : renderEndMarker(),
    title: agenda.title,
    group: at.groupName,
    tag: agenda.tag,
    local: agenda.when.localLabel,
    utc: agenda.when.utcLabel,
    duration: agenda.duration,
    topic: agenda.topic,
    facilitator: agenda.facilitator,
    noteTaker: agenda.noteTaker,
    location: agenda.location,
    link: agenda.link ? `[${safeUrl(agenda.link).replace(/[[\]]/g, "")}](${safeUrl(agenda.link)})` : undefined,
    cancelled: agenda.cancelled,
    agenda: sanitizeMarkdown(rewriteRelativeLinks(agenda.body, fileUrl)),
    path: agenda.path,
    fileUrl,
    sha7: at.sha.slice(0, 7),
  }).trim();
}

/** The previous meeting's notes: linked, and their open action items carried over (no one is mentioned). */
export interface PreviousNotes {
  url: string;
  date: string;
  carried: string[];
}

export function renderNotesBody(block: string, previous?: PreviousNotes): string {
  return renderTemplate("meeting-notes", {
    block,
    ...(previous ? { previousUrl: safeUrl(previous.url), previousDate: previous.date, carried: previous.carried.map((item) => sanitizeMarkdown(item)) } : {}),
  });
}

export function renderTitle(format: string, groupName: string, tag: string, date: string): string {
  return format.replace(/\{\{\s*(group|tag|date)\s*\}\}/g, (_m, key: string) => (key === "group" ? groupName : key === "tag" ? tag : date));
}

export function renderCancelled(tag: string, date: string, reason: string): string {
  return renderTemplate("meeting-cancelled", { marker: renderMarker(`meeting-cancelled:${tag}/${date}`), date, reason });
}

export function renderLate(tag: string, date: string, noticeGiven: string, noticeDays: number): string {
  return renderTemplate("meeting-late", { marker: renderMarker(`meeting-late:${tag}/${date}`), noticeGiven, noticeDays });
}

export function renderProblems(problems: AgendaProblem[]): string {
  const files = new Set(problems.map((p) => p.path)).size;
  return renderTemplate("meeting-agenda-problems", {
    marker: renderMarker(PROBLEMS_MARKER),
    count: files === 1 ? "one" : files,
    plural: files > 1,
    problems: problems.map((p) => ({ path: p.path, line: p.line, message: sanitizeMessage(p.message) })),
  });
}

export interface CheckedMeeting {
  path: string;
  group: string;
  local: string;
  utc: string;
  cancelled: boolean;
}

/** `pushed`: the files are on the default branch already (the push's check run), not in a pull request. */
export function renderCheckSummary(problems: AgendaProblem[], meetings: CheckedMeeting[], pushed = false): string {
  return renderTemplate("meeting-agenda-check", {
    pushed,
    hasProblems: problems.length > 0,
    problemCount: problems.length,
    pluralProblems: problems.length > 1,
    problems: problems.map((p) => ({ ...p, message: sanitizeMessage(p.message) })),
    hasMeetings: meetings.length > 0,
    meetings,
  });
}
