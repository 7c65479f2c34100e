import type { NotesIssueNode } from "./query.js";

/**
 * Notes kept in a GitHub Discussion (`meetings.notes: discussion`) instead of an issue. The
 * discussions are read alongside the agenda files and turned into the same shape as a notes issue,
 * so finding a meeting by its marker, keeping people's text and the calendar work the same way.
 * All of the repository's discussions are read, newest first, whatever their category: a meeting's
 * discussion moved to another category by hand is still its discussion (the marker says so).
 */
export const DISCUSSION_NOTES_FIELDS = `pageInfo { hasNextPage endCursor }
      nodes {
        id number title body closed stateReason url viewerDidAuthor
        author { __typename login }
        comments(last: 30) { nodes { body viewerDidAuthor } }
      }`;

export interface DiscussionNode {
  id: string;
  number: number;
  title: string;
  body: string;
  closed: boolean;
  stateReason: string | null;
  url: string;
  viewerDidAuthor: boolean;
  author: { __typename: string; login: string } | null;
  comments?: { nodes: { body: string; viewerDidAuthor?: boolean }[] };
}

export interface CategoryNode {
  id: string;
  name: string;
  slug: string;
}

/**
 * A notes discussion as a notes issue. A discussion closed as OUTDATED is a cancelled meeting
 * (issues say NOT_PLANNED); discussions carry no labels here.
 */
export function toNotesNode(node: DiscussionNode): NotesIssueNode & { kind: "discussion" } {
  return {
    kind: "discussion",
    id: node.id,
    number: node.number,
    title: node.title,
    body: node.body,
    state: node.closed ? "CLOSED" : "OPEN",
    stateReason: node.closed ? (node.stateReason === "OUTDATED" ? "NOT_PLANNED" : "COMPLETED") : null,
    url: node.url,
    viewerDidAuthor: node.viewerDidAuthor,
    author: node.author,
    labels: { nodes: [] },
    ...(node.comments ? { comments: node.comments } : {}),
  };
}

/** The configured category by its name or slug, case-insensitively (`Meeting notes` or `meeting-notes`). */
export function findCategory(categories: readonly CategoryNode[], wanted: string): CategoryNode | null {
  const key = wanted.trim().toLowerCase();
  return categories.find((c) => c.name.toLowerCase() === key || c.slug.toLowerCase() === key) ?? null;
}

/** The notes a query read, issues or discussions, in the shape of notes issues. */
export function readNotesNodes(repository: { notes?: { nodes: NotesIssueNode[] }; discussions?: { nodes: DiscussionNode[] } } | null | undefined): NotesIssueNode[] {
  return [...(repository?.notes?.nodes ?? []), ...(repository?.discussions?.nodes ?? []).map(toNotesNode)];
}

/** The variables choosing what a meetings query reads: the notes issues or the discussions. */
export function notesQueryFlags(notes: "issue" | "discussion"): { withIssues: boolean; withDiscussions: boolean } {
  return { withIssues: notes === "issue", withDiscussions: notes === "discussion" };
}
