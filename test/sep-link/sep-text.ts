/** A SEP file in the template's form, owned by `workingGroup` (or by nobody). */
export function sepText(number: number, options: { workingGroup?: string; authors?: string } = {}): string {
  return [
    `# SEP-${number}: Durable agent handoff`,
    "",
    "- **Status**: Draft",
    "- **Type**: Standards Track",
    "- **Created**: 2026-08-01",
    `- **Author(s)**: ${options.authors ?? "Jane Doe (@jane)"}`,
    "- **Sponsor**: @LucaButBoring",
    `- **PR**: https://github.com/Codertocat/Hello-World/pull/${number}`,
    ...(options.workingGroup ? [`- **Working Group**: ${options.workingGroup}`] : []),
    "",
    "## Abstract",
    "",
    "Handoff between agents.",
    "",
  ].join("\n");
}
