/** A valid SEP file (template form) with fields and sections overridable, for SEP rule tests. */
export interface SepTextOptions {
  number?: number | string;
  title?: string;
  fields?: Record<string, string | null>;
  extraFields?: string[];
  sections?: string[];
}

export const ALL_SECTIONS = [
  "Abstract", "Motivation", "Specification", "Rationale", "Backward Compatibility", "Security Implications", "Reference Implementation",
];

export function sepText(options: SepTextOptions = {}): string {
  const fields: Record<string, string | null> = {
    Status: "Draft",
    Type: "Standards Track",
    Created: "2026-01-10",
    "Author(s)": "Jane Doe (@janedoe)",
    Sponsor: "Mia Maintainer (@mia)",
    PR: "https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1234",
    "Working Group": "agents-wg",
    ...options.fields,
  };
  const header = Object.entries(fields)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `- **${k}**: ${v}`);
  const body = (options.sections ?? ALL_SECTIONS).map((s) => `## ${s}\n\nText for ${s}.\n`);
  return [`# SEP-${options.number ?? 1234}: ${options.title ?? "A Useful Change"}`, "", ...header, ...(options.extraFields ?? []), "", ...body].join("\n");
}
