/**
 * Hostile texts for the parsers, each exactly `size` characters: the shapes that make markdown and
 * YAML parsers slow (nesting, delimiter runs, unclosed brackets, huge tables, alias bombs). Every
 * generator repeats a unit until the text is `size` long, so the same shape scales to GitHub's limits
 * (65,536 characters for a body or comment, 1 MB for a file).
 */
export interface AdversarialInput {
  name: string;
  text: (size: number) => string;
}

/** `unit` repeated (and cut) to exactly `size` characters. */
function fill(unit: string, size: number, prefix = "", suffix = ""): string {
  const room = Math.max(0, size - prefix.length - suffix.length);
  return prefix + unit.repeat(Math.ceil(room / unit.length)).slice(0, room) + suffix;
}

/** `head` then `rest(room)`, `size` characters in all. */
function after(head: string, size: number, rest: (room: number) => string): string {
  return head + rest(Math.max(0, size - head.length));
}

/** Lines `line(i)` for i = 0, 1, … until `size` characters. */
function lines(size: number, line: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const next = line(i) + "\n";
    parts.push(next);
    length += next.length;
  }
  return parts.join("").slice(0, size);
}

/** Markdown: bodies, comments, SEPs, charters, agenda bodies. */
export const markdownInputs: AdversarialInput[] = [
  { name: "nested lists (one line)", text: (n) => fill("- ", n, "", "x") },
  { name: "nested lists (indented lines)", text: (n) => lines(n, (i) => " ".repeat((i % 400) * 2) + "- item") },
  { name: "nested ordered lists", text: (n) => fill("1. ", n, "", "x") },
  { name: "nested quotes", text: (n) => fill("> ", n, "", "x") },
  { name: "quotes and lists mixed", text: (n) => fill("> - ", n, "", "x") },
  { name: "emphasis run *_", text: (n) => fill("*_", n, "a") },
  { name: "emphasis run **", text: (n) => fill("**a", n) },
  { name: "emphasis run __", text: (n) => fill("__a", n) },
  { name: "strikethrough run ~~", text: (n) => fill("~~a", n) },
  { name: "unclosed emphasis openers", text: (n) => fill("*a ", n) },
  { name: "one long line", text: (n) => fill("a", n) },
  { name: "backtick runs of growing length", text: (n) => lines(n, (i) => "`".repeat((i % 200) + 1) + "a").replace(/\n/g, " ") },
  { name: "backtick run (one)", text: (n) => fill("`", n) },
  { name: "table of thousands of cells", text: (n) => after("| " + "a | ".repeat(500) + "\n" + "|" + "-|".repeat(500) + "\n", n, (m) => lines(m, () => "|" + "b|".repeat(500))) },
  { name: "table of thousands of rows", text: (n) => after("| a | b |\n|---|---|\n", n, (m) => lines(m, (i) => `| ${i} | x |`)) },
  { name: "many headings", text: (n) => lines(n, (i) => `${"#".repeat((i % 6) + 1)} heading ${i}`) },
  { name: "many ### headings", text: (n) => lines(n, (i) => `### h${i}`) },
  { name: "unclosed brackets [", text: (n) => fill("[", n) },
  { name: "unclosed links [a](", text: (n) => fill("[a](", n) },
  { name: "nested links [[[a]]]", text: (n) => fill("[", n / 2) + fill("]", n - Math.floor(n / 2)) },
  { name: "images ![", text: (n) => fill("![", n) },
  { name: "reference links [a][b]", text: (n) => lines(n, (i) => `[x${i}]: https://example.com/${i}\n[a][x${i}]`) },
  { name: "autolink literals", text: (n) => fill("www.a.b ", n) },
  { name: "html blocks", text: (n) => fill("<div>\n", n) },
  { name: "slash commands", text: (n) => lines(n, (i) => `/vote ${i % 2 ? "yes" : "no"} @a${i}`) },
  { name: "handles and commas", text: (n) => fill("@a-b,", n) },
  { name: "mentions without separators", text: (n) => fill("@a", n) },
  { name: "hyphen runs", text: (n) => fill("a-", n) },
];

/** YAML: the configuration file, front matter of agendas and charters. */
export const yamlInputs: AdversarialInput[] = [
  { name: "deep block nesting", text: (n) => lines(n, (i) => " ".repeat(Math.min(i, 1000)) + `k${i}:`) },
  { name: "deep flow nesting [[[", text: (n) => fill("[", n / 2) + fill("]", n - Math.floor(n / 2)) },
  { name: "deep flow nesting {a:{", text: (n) => fill("{a: ", n) },
  { name: "many keys", text: (n) => lines(n, (i) => `k${i}: v`) },
  { name: "many duplicate keys", text: (n) => lines(n, () => "k: v") },
  { name: "long scalar", text: (n) => fill("x", n, "k: ") },
  { name: "long quoted scalar", text: (n) => fill("\\\"", n, 'k: "', '"') },
  { name: "long multi-line scalar", text: (n) => "k: |\n" + lines(n - 5, () => "  text text text") },
  { name: "alias bomb", text: (n) => aliasBomb(n) },
  { name: "many aliases", text: (n) => after("a: &a x\nb:\n", n, (m) => lines(m, () => "  - *a")) },
  { name: "huge flow sequence", text: (n) => fill("1,", n, "k: [", "1]") },
  { name: "huge flow mapping", text: (n) => after("k: {", n - 5, (m) => lines(m, (i) => `a${i}: 1,`).replace(/\n/g, " ")) + "a: 1}" },
  { name: "many documents", text: (n) => fill("---\n", n) },
  { name: "many tags", text: (n) => lines(n, (i) => `k${i}: !!str x`) },
];

/** The classic "billion laughs": each level doubles the references of the one above. */
function aliasBomb(size: number): string {
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 30; i++) levels.push(`${letter(i)}: &${letter(i)} [${Array(10).fill("*" + letter(i - 1)).join(", ")}]`);
  return fill(" ", size, levels.join("\n") + "\n#");
}

function letter(i: number): string {
  return `l${i}`;
}
