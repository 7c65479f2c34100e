import { describeOversized } from "../../core/file-size.js";
import { agendaLimit, parseAgenda, type Agenda, type AgendaProblem } from "./parse-agenda.js";
import type { PushedAgenda } from "./gather.js";

export type AgendaCheck =
  | { kind: "removed"; file: PushedAgenda }
  | { kind: "invalid"; file: PushedAgenda; problems: AgendaProblem[] }
  | { kind: "valid"; file: PushedAgenda; agenda: Agenda; groupName: string };

/** One touched file → removed, invalid (with every problem at its line) or a valid meeting of a registered group. */
export function readAgenda(file: PushedAgenda, groups: readonly { tag: string; name: string }[], maxBytes: number): AgendaCheck {
  if (file.content === null) return { kind: "removed", file };
  const invalid = (line: number, message: string): AgendaCheck => ({ kind: "invalid", file, problems: [{ path: file.path, line, message }] });
  if (file.binary) return invalid(1, "the file is binary; an agenda is a Markdown text file");
  if (file.bytes > maxBytes) return invalid(1, describeOversized(file.path, file.bytes, agendaLimit(maxBytes)));
  const parsed = parseAgenda(file.path, file.tag, file.date, file.content, maxBytes);
  if (!parsed.ok) return { kind: "invalid", file, problems: parsed.problems };
  const group = groups.find((g) => g.tag.toLowerCase() === file.tag.toLowerCase());
  if (!group) {
    const known = groups.map((g) => `\`${g.tag}\``).slice(0, 30).join(", ");
    return invalid(1, `\`${file.tag}\` (the folder name) is not a registered group tag; ${known ? `registered groups: ${known}` : "the group registry lists no groups"}`);
  }
  return { kind: "valid", file, agenda: parsed.agenda, groupName: group.name };
}
