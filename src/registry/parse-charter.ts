import type { Nodes, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { LOGIN_RULE } from "../core/github-login.js";
import { parseMarkdown } from "../core/markdown.js";
import type { RepoRef } from "../core/plan.js";
import { readCharterFrontMatter } from "./charter-front-matter.js";
import { findSection, pickCell, readSections, readTableRows, tablesIn, type Section, type TableRow } from "./charter-sections.js";
import { readHandles, readWorkItem, type BadHandle } from "./charter-cells.js";
import { readGroupTag } from "./charter-tag.js";
import type { CharterProblem, Group, GroupKind, GroupPerson, Meeting, WorkItem } from "./types.js";

export interface CharterSource {
  /** Repository path, e.g. `docs/community/working-groups/agents.mdx`. */
  path: string;
  text: string;
  /** The kind implied by the folder the file sits in. */
  folderKind: GroupKind;
  /** The community repository, to tell its issue/PR links from other repositories'. */
  repo?: RepoRef;
}

const KIND_WORDS: Record<GroupKind, string> = { wg: "Working Group", ig: "Interest Group" };

/**
 * Reads one charter (YAML front matter + the template's sections) into a Group. Real charters
 * deviate from the template in many ways: every deviation the registry cares about becomes a
 * problem with its line, and a best-effort value is still produced. Never throws on text.
 */
export function parseCharter(source: CharterSource): Group {
  const front = readCharterFrontMatter(source.text);
  const problems: CharterProblem[] = [...front.problems];
  const at = (line: number | undefined) => (line ?? 0) + front.lineOffset || 1;
  const root = parseMarkdown(front.content);
  const sections = readSections(root);
  const slug = slugOf(source.path);

  const name = readName(front.data.title, root, slug, problems);
  const kind = readKind(findSection(sections, "group type"), source.folderKind, problems, at);
  const tag = readGroupTag({ root, slug, kind, frontMatterTag: front.data.tag, problems, at, fallbackLine: findSection(sections, "operations")?.line });
  const leads = readPeople(findSection(sections, "leadership"), "role", problems, at);
  if (leads.length === 0) problems.push({ line: at(findSection(sections, "leadership")?.line), message: "no leads are listed: the Leadership table needs at least one row with a GitHub handle" });
  const members = readPeople(findSection(sections, "membership"), "level", [], at);
  const meetings = readMeetings(findSection(sections, "operations"), problems, at);
  const workItems = readWorkItems(sections, source.repo);

  const group: Group = {
    name, kind, tag, status: front.data.status ?? "active", path: source.path, leads, members, meetings, workItems, problems,
  };
  const frequency = meetings.find((m) => m.frequency)?.frequency;
  if (frequency) group.meetingFrequency = frequency;
  return group;
}

function slugOf(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.mdx?$/i, "");
}

/** "Agents Charter" → "Agents"; "MCP Apps Working Group Charter" → "MCP Apps". */
function readName(title: string | undefined, root: Root, slug: string, problems: CharterProblem[]): string {
  const h1 = root.children.find((n) => n.type === "heading" && n.depth === 1);
  const raw = title ?? (h1 ? toString(h1) : undefined);
  if (!raw) problems.push({ line: 1, message: "no title: add `title: <Group Name> Charter` to the front matter" });
  const name = (raw ?? slug.replace(/-/g, " "))
    .replace(/\s+charter$/i, "")
    .replace(/\s+(working|interest)\s+group$/i, "")
    .replace(/\s+/g, " ")
    .trim();
  return name || slug;
}

/** Text a reader sees: HTML comments and MDX `{/* … *\/}` comments are not part of it. */
function visibleText(nodes: readonly RootContent[]): string {
  return nodes
    .filter((n) => n.type !== "html")
    .map((n) => toString(n))
    .filter((t) => !/^\{\/\*[\s\S]*\*\/\}$/.test(t.trim()))
    .join("\n");
}

function readKind(section: Section | undefined, folderKind: GroupKind, problems: CharterProblem[], at: (l?: number) => number): GroupKind {
  if (!section) {
    problems.push({ line: 1, message: `no "Group Type" section: the kind is taken from the folder (${KIND_WORDS[folderKind]})` });
    return folderKind;
  }
  const text = visibleText(section.nodes);
  const found = (Object.keys(KIND_WORDS) as GroupKind[]).filter((k) => new RegExp(KIND_WORDS[k], "i").test(text));
  if (found.length !== 1) {
    problems.push({ line: at(section.line), message: `"Group Type" must say either **Working Group** or **Interest Group**; the kind is taken from the folder (${KIND_WORDS[folderKind]})` });
    return folderKind;
  }
  const kind = found[0]!;
  if (kind !== folderKind) {
    problems.push({ line: at(section.line), message: `"Group Type" says ${KIND_WORDS[kind]} but the charter is in the ${KIND_WORDS[folderKind]} folder` });
  }
  return kind;
}

function readPeople(section: Section | undefined, roleColumn: string, problems: CharterProblem[], at: (l?: number) => number): GroupPerson[] {
  if (!section) return [];
  const people: GroupPerson[] = [];
  for (const row of tablesIn(section.nodes).flatMap(readTableRows)) {
    const { person, bad } = readPerson(row, roleColumn);
    const who = `${section.title === "leadership" ? "lead" : "member"} "${person.name ?? "?"}"`;
    if (!person.handle && bad) {
      problems.push({ line: at(row.line), message: `${who}: the GitHub cell's \`${bad.text.replace(/`/g, "'")}\` is not a valid GitHub handle (${bad.why}); a handle has ${LOGIN_RULE}` });
    } else if (!person.handle) {
      problems.push({ line: at(row.line), message: `${who} has no GitHub handle: write \`[@handle](https://github.com/handle)\` in the GitHub column` });
    }
    if (person.name || person.handle) people.push(person);
  }
  return people;
}

function readPerson(row: TableRow, roleColumn: string): { person: GroupPerson; bad: BadHandle | undefined } {
  const person: GroupPerson = {};
  const name = pickCell(row, ["name"])?.text;
  const role = pickCell(row, [roleColumn, "role", "level"])?.text;
  const organization = pickCell(row, ["organization", "organisation"])?.text;
  const cell = row.cells["github"];
  const read = cell ? readHandles(cell as Nodes, true) : undefined;
  const handle = read?.handles[0];
  if (name) person.name = name;
  if (handle) person.handle = handle;
  if (role) person.role = role;
  if (organization) person.organization = organization;
  return { person, bad: read?.invalid[0] };
}

function readMeetings(section: Section | undefined, problems: CharterProblem[], at: (l?: number) => number): Meeting[] {
  const rows = section ? tablesIn(section.nodes).flatMap(readTableRows) : [];
  if (rows.length === 0) {
    problems.push({ line: at(section?.line), message: "no meetings: the Operations table needs a row with the meeting's Frequency" });
    return [];
  }
  return rows.map((row) => {
    const meeting: Meeting = { name: pickCell(row, ["meeting", "name"])?.text ?? Object.values(row.text)[0] ?? "" };
    const frequency = pickCell(row, ["frequency", "cadence"])?.text;
    const duration = pickCell(row, ["duration"])?.text;
    const purpose = pickCell(row, ["purpose"])?.text;
    if (frequency) meeting.frequency = frequency;
    else problems.push({ line: at(row.line), message: `meeting "${meeting.name}" has no Frequency` });
    if (duration) meeting.duration = duration;
    if (purpose) meeting.purpose = purpose;
    return meeting;
  });
}

function readWorkItems(sections: readonly Section[], repo: RepoRef | undefined): WorkItem[] {
  const items: WorkItem[] = [];
  for (const section of sections.filter((s) => s.title === "active work items")) {
    for (const row of tablesIn(section.nodes).flatMap(readTableRows)) {
      const column = ["item", "work item"].find((c) => row.cells[c]) ?? Object.keys(row.cells)[0];
      const cell = column ? row.cells[column] : undefined;
      if (!cell) continue;
      const item = readWorkItem(cell as Nodes, pickCell(row, ["status"])?.text, repo);
      // The template's placeholder row is not work.
      if (item.title === "" || /^SEP-XXX\b/i.test(item.title)) continue;
      items.push(item);
    }
  }
  return items;
}
