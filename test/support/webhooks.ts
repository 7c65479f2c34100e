import examples from "@octokit/webhooks-examples" with { type: "json" };

/** A real example payload from `@octokit/webhooks-examples` (deep copy), with the `installation` GitHub adds for apps. */
export function examplePayload(event: string, action?: string, index = 0): any {
  const entry = (examples as unknown as any[]).find((e) => e.name === event);
  if (!entry) throw new Error(`no example for ${event}`);
  const matching = entry.examples.filter((e: any) => action === undefined || e.action === action);
  const example = matching[index];
  if (!example) throw new Error(`no example for ${event}.${action} #${index}`);
  return { ...structuredClone(example), installation: { id: 1 } };
}
