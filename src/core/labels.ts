/** GitHub label names are case-insensitive: `Group/Ready` and `group/ready` are one label. */
export function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((l) => l.toLowerCase() === name.toLowerCase());
}
