import type { Group } from "../../registry/types.js";

/**
 * Whether a pull request counts as the group's tracked work. The link is the group's tag label on
 * the PR: the label is what the app adds, what people see and filter by, and what a search query
 * (`label:agents-wg is:pr`) finds, so the retirement sweep can list a WG's SEP PRs without reading
 * any file. A maintainer who adds the label by hand links a PR the same way.
 */
export function isLinkedTo(group: Pick<Group, "tag">, prLabels: readonly (string | { name: string })[]): boolean {
  const tag = group.tag.toLowerCase();
  return prLabels.some((l) => (typeof l === "string" ? l : l.name).toLowerCase() === tag);
}

/** The GitHub search qualifier for a group's linked PRs (for the sweep's search query). */
export function linkedSearchQualifier(group: Pick<Group, "tag">): string {
  return `label:"${group.tag.replace(/"/g, "")}"`;
}
