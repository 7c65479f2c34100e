/**
 * Group request bodies as GitHub renders a submitted issue form, by question: the valid requests
 * most intake tests start from, with any answer overridable. Plain text, no GitHub in them.
 */

/** An issue-form body as GitHub renders it: `### Question` then the answer (`_No response_` when empty). */
export function formBody(answers: Record<string, string | undefined>): string {
  return Object.entries(answers)
    .map(([question, answer]) => `### ${question}\n\n${answer === undefined || answer === "" ? "_No response_" : answer}`)
    .join("\n\n");
}

export const IG_QUESTIONS = {
  name: "Group name",
  tag: "Channel tag",
  facilitators: "Facilitator(s)",
  maintainers: "Maintainer(s)",
  similar: "IGs with potentially similar goals or discussions",
  differs: "How this IG differentiates itself from the related IGs",
  topic: "First topic to discuss within the IG",
} as const;

export const WG_QUESTIONS = {
  name: "Group name",
  tag: "Channel tag",
  facilitators: "Facilitator(s)",
  maintainers: "Maintainer(s)",
  useCases: "Explanation of interest and use cases",
  firstItem: "First Issue, PR or SEP the WG will work on",
} as const;

export function validIgBody(overrides: Partial<Record<keyof typeof IG_QUESTIONS, string>> = {}): string {
  const a = { name: "Tool Annotations", tag: "tool-annotations-ig", facilitators: "@alice\n@bob", maintainers: "", similar: "None", differs: "Focuses on annotations only.", topic: "Annotation vocabulary.", ...overrides };
  return formBody(Object.fromEntries(Object.entries(IG_QUESTIONS).map(([k, q]) => [q, a[k as keyof typeof a]])));
}

export function validWgBody(overrides: Partial<Record<keyof typeof WG_QUESTIONS, string>> = {}): string {
  const a = { name: "Agents", tag: "agents-wg", facilitators: "@alice", maintainers: "@bob", useCases: "Durable agent execution.", firstItem: "SEP-2663", ...overrides };
  return formBody(Object.fromEntries(Object.entries(WG_QUESTIONS).map(([k, q]) => [q, a[k as keyof typeof a]])));
}
