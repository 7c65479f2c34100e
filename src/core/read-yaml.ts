import { parse as parseYaml, YAMLParseError } from "yaml";

/**
 * The one YAML reader for text a user wrote (front matter, the configuration file): YAML 1.2,
 * duplicate keys refused, aliases capped, and nesting bounded BEFORE the `yaml` package sees the
 * text, because its parser recurses once per level: 30,000 `[` take over a second and end in a
 * stack overflow. Every refusal says where (line) and what is allowed. Never throws on text.
 */
export const MAX_YAML_DEPTH = 64;

export type YamlResult = { ok: true; value: unknown } | { ok: false; line: number; message: string };

export interface YamlOptions {
  /** Aliases (`*name`) allowed in the document: each one may expand a whole subtree. */
  maxAliasCount: number;
  /** File line of the text's first line (front matter starts on line 2). */
  firstLine?: number;
  /** What the text is, for messages: "the front matter", ".github/convener.yml". */
  what: string;
}

export function readYaml(text: string, options: YamlOptions): YamlResult {
  const firstLine = options.firstLine ?? 1;
  const deep = findDeepNesting(text);
  if (deep !== undefined) {
    return { ok: false, line: firstLine + deep, message: `${options.what} is nested more than ${MAX_YAML_DEPTH} levels deep; write flatter data` };
  }
  try {
    // Leading newlines keep the parser's line numbers equal to file lines.
    const value = parseYaml("\n".repeat(firstLine - 1) + text, { version: "1.2", uniqueKeys: true, maxAliasCount: options.maxAliasCount });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const what = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      return { ok: false, line: error.linePos?.[0]?.line ?? firstLine, message: `${options.what} is not valid YAML: ${what}` };
    }
    // The alias cap throws a ReferenceError, not a YAMLParseError.
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return { ok: false, line: firstLine, message: `${options.what} uses more than ${options.maxAliasCount} aliases (\`*name\`); write the values out` };
    }
    if (error instanceof RangeError) return { ok: false, line: firstLine, message: `${options.what} is too deeply nested to read; write flatter data` };
    throw error;
  }
}

/**
 * The 0-based line where nesting first passes MAX_YAML_DEPTH, counting flow brackets (`[`, `{`)
 * outside quotes and comments, block indentation levels, and `- ` markers opening a line.
 */
const LINE_START = /( *)((?:-[ \t]+)*)/y;

export function findDeepNesting(text: string): number | undefined {
  let line = 0;
  let flow = 0;
  let quote: '"' | "'" | null = null;
  const indents: number[] = [];
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      atLineStart = true;
      continue;
    }
    if (atLineStart && quote === null && flow === 0) {
      atLineStart = false;
      LINE_START.lastIndex = i;
      const rest = LINE_START.exec(text)!;
      const next = text[i + rest[1]!.length];
      if (next !== undefined && next !== "\n" && next !== "\r" && next !== "#") {
        const indent = rest[1]!.length;
        while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
        indents.push(indent);
        const dashes = rest[2]!.split("-").length - 1;
        if (indents.length + dashes > MAX_YAML_DEPTH) return line;
      }
    }
    atLineStart = false;
    if (quote !== null) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    const before = i === 0 ? "\n" : text[i - 1]!;
    const opensScalar = /[\s[{,:]/.test(before);
    if ((c === '"' || c === "'") && opensScalar) quote = c;
    else if (c === "#" && /\s/.test(before)) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === "[" || c === "{") {
      if (++flow > MAX_YAML_DEPTH) return line;
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
  }
  return undefined;
}
