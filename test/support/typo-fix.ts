/**
 * The text with one word of its body changed, as a typo fix would: the first word of five or more
 * lower-case letters on the first prose line after the first section heading, outside code blocks,
 * with two of its letters swapped. Returns the changed line (1-based) too.
 */
export function fixTypo(text: string): { text: string; line: number; before: string; after: string } {
  const lines = text.split("\n");
  let inBody = false;
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    if (/^#{2,6}\s/.test(l)) inBody = true;
    if (!inBody || fence || !/^[A-Z][a-z]/.test(l)) continue;
    const m = /\b([a-z]{5,})\b/.exec(l);
    if (!m) continue;
    const word = m[1]!;
    const swapped = word.charAt(0) + word.charAt(2) + word.charAt(1) + word.slice(3);
    if (swapped === word) continue;
    lines[i] = l.slice(0, m.index) + swapped + l.slice(m.index + word.length);
    return { text: lines.join("\n"), line: i + 1, before: word, after: swapped };
  }
  throw new Error("no prose line to change");
}
