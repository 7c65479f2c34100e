/**
 * The group registry: the community's Working and Interest Groups, read from charter files.
 * Contract shared by every feature (intake checks tags, SEPs name owning WGs, meetings and the
 * retirement sweep look groups up). Implemented in `load-registry.ts` / `parse-charter.ts`.
 */
export type GroupKind = "wg" | "ig";
export type GroupStatus = "active" | "retiring" | "retired";

export interface GroupPerson {
  name?: string;
  /** GitHub login without `@`. */
  handle?: string;
  role?: string;
  organization?: string;
}

export interface WorkItem {
  title: string;
  sep?: number;
  /** Issue or PR number in the community repository, when the item links one. */
  number?: number;
  url?: string;
  status?: string;
}

export interface Meeting {
  /** e.g. "Working Session", from the Operations table's first column. */
  name: string;
  frequency?: string;
  duration?: string;
  purpose?: string;
}

export interface CharterProblem {
  line: number;
  message: string;
}

export interface Group {
  name: string;
  kind: GroupKind;
  /** Channel tag and label, e.g. `agents-wg`. */
  tag: string;
  status: GroupStatus;
  /** Repository path of the charter file. */
  path: string;
  leads: GroupPerson[];
  members: GroupPerson[];
  /** e.g. "Bi-weekly", as written in the Operations table. */
  meetingFrequency?: string;
  /** Every row of the Operations table (optional so hand-built registries in tests stay short). */
  meetings?: Meeting[];
  workItems: WorkItem[];
  problems: CharterProblem[];
}

export interface RegistryProblem extends CharterProblem {
  path: string;
}

export interface Registry {
  /** The default-branch commit the registry was read at. */
  commit: string;
  groups: Group[];
  /** Charter files that could not be read, and clashes between charters (each group's own problems are on the group). */
  problems?: RegistryProblem[];
}

/**
 * Finds a group by tag (`agents-wg`, `#agents-wg`) or by name (`Agents`, "Agents Working Group",
 * "Agents WG"), case-insensitively.
 */
export function findGroup(registry: Registry, nameOrTag: string): Group | undefined {
  // "Security Interest Group (proposed)" names the Security IG: a trailing remark is not the name.
  const key = nameOrTag.trim().replace(/^#/, "").replace(/\s*\([^)]*\)$/, "").replace(/`/g, "").trim().toLowerCase();
  const bare = key.replace(/\s+(working|interest)\s+group$/, "").replace(/\s+(wg|ig)$/, "");
  return (
    registry.groups.find((g) => g.tag.toLowerCase() === key) ??
    registry.groups.find((g) => g.name.toLowerCase() === key || g.name.toLowerCase() === bare)
  );
}
