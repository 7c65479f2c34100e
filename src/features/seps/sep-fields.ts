/**
 * Header field names as SEP authors write them, mapped to the canonical spelling of the template
 * (`seps/TEMPLATE.md`). A name not listed here is an unknown field (a warning, never a crash).
 */
export const CANONICAL_FIELDS: readonly string[] = [
  "Status",
  "Type",
  "Created",
  "Author(s)",
  "Sponsor",
  "PR",
  "Working Group",
  "Accepted",
  "Issue",
  "Requires",
  "Supersedes",
  "Superseded-By",
  "Replaces",
  "Related",
  "Extension Identifier",
  "Discussion",
];

/** Spellings seen in real files that mean a canonical field (lower-case keys). */
const ALIASES: Record<string, string> = {
  authors: "Author(s)",
  author: "Author(s)",
  "author(s)": "Author(s)",
  sponsors: "Sponsor",
  "pull request": "PR",
  "working-group": "Working Group",
  "owning working group": "Working Group",
  wg: "Working Group",
  "extension id": "Extension Identifier",
  "superseded by": "Superseded-By",
  "superseded-by": "Superseded-By",
  "discussions-to": "Discussion",
  discussions: "Discussion",
  // Not header fields by the template, but real files repeat the H1 in the header: recognised so
  // the check can say where they belong instead of calling them unknown.
  sep: "SEP",
  "sep number": "SEP",
  "sep #": "SEP",
  title: "Title",
};

/** The canonical spelling of a header field name, or null when the name is not a known field. */
export function canonicalFieldName(name: string, extra: readonly string[] = []): string | null {
  const key = name.trim().replace(/\s+/g, " ").toLowerCase();
  for (const known of [...CANONICAL_FIELDS, ...extra]) {
    if (known.toLowerCase() === key) return known;
  }
  return ALIASES[key] ?? null;
}
