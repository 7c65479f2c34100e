import type { Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import type { CharterProblem, GroupKind } from "./types.js";

const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*-(wg|ig)$/;

export function isGroupTag(text: string): boolean {
  return TAG.test(text);
}

interface TagInput {
  root: Root;
  slug: string;
  kind: GroupKind;
  frontMatterTag: string | undefined;
  problems: CharterProblem[];
  at: (line?: number) => number;
  fallbackLine: number | undefined;
}

/**
 * The group's channel tag: front matter `tag:` wins, then the `Discord: #tag` line, then
 * `<file name>-wg|ig`. A Discord channel that is not a group tag (`#registry-dev`) is not used.
 */
export function readGroupTag(input: TagInput): string {
  const derived = `${input.slug.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${input.kind}`;
  const fromFront = input.frontMatterTag?.trim().replace(/^#/, "").toLowerCase();
  if (fromFront !== undefined) {
    if (isGroupTag(fromFront)) {
      if (!fromFront.endsWith(`-${input.kind}`)) {
        input.problems.push({ line: 1, message: `front matter \`tag: ${fromFront}\` does not end in \`-${input.kind}\` although the group is ${input.kind === "wg" ? "a Working" : "an Interest"} Group` });
      }
      return fromFront;
    }
    input.problems.push({ line: 1, message: `front matter \`tag\` must look like \`<name>-wg\` or \`<name>-ig\` (lower-case letters, digits, dashes); using \`${derived}\`` });
    return derived;
  }
  const discord = findDiscordLine(input.root);
  if (!discord) {
    input.problems.push({ line: input.at(input.fallbackLine), message: `no \`Discord: #tag\` line; the tag \`${derived}\` is derived from the file name` });
    return derived;
  }
  const line = input.at(discord.line);
  if (!discord.channel) {
    input.problems.push({ line, message: `the Discord line names no \`#channel\`; the tag \`${derived}\` is derived from the file name` });
    return derived;
  }
  if (!isGroupTag(discord.channel)) {
    input.problems.push({ line, message: `Discord channel \`#${discord.channel}\` is not a group tag (\`<name>-wg\` or \`<name>-ig\`); the tag \`${derived}\` is derived from the file name (set \`tag:\` in the front matter to choose another)` });
    return derived;
  }
  if (!discord.channel.endsWith(`-${input.kind}`)) {
    input.problems.push({ line, message: `Discord channel \`#${discord.channel}\` does not end in \`-${input.kind}\`` });
  }
  return discord.channel;
}

/** The paragraph that starts with `Discord:` and the first `#channel` in it (code, link text or plain). */
function findDiscordLine(root: Root): { line: number; channel?: string } | undefined {
  for (const node of root.children) {
    if (node.type !== "paragraph") continue;
    const text = toString(node).trim();
    if (!/^discord\s*:/i.test(text)) continue;
    const line = node.position?.start.line ?? 0;
    const channel = channelIn(node.children as Nodes[]) ?? /#([a-z0-9][a-z0-9-]*)/i.exec(text)?.[1]?.toLowerCase();
    return channel ? { line, channel } : { line };
  }
  return undefined;
}

function channelIn(nodes: readonly Nodes[]): string | undefined {
  for (const node of nodes) {
    if (node.type === "inlineCode" || node.type === "link") {
      const m = /^#([a-z0-9][a-z0-9-]*)$/i.exec(toString(node).trim());
      if (m) return m[1]!.toLowerCase();
    }
  }
  return undefined;
}
