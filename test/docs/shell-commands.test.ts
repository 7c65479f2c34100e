import { describe, expect, test } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const DOCS = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/**
 * Every command the docs show runs as written from a clone or the image, and a test or CI runs it;
 * a block that needs a real deployment (credentials, a server's address, your own files) says so:
 * its first line is a `# example …` comment, or an `<!-- example … -->` line stands right above it.
 * Each entry names the file that runs the command and a string there that proves it.
 */
const RUN_BY: { command: RegExp; file: string; proof: string }[] = [
  { command: /^npm ci$/, file: ".ci/run", proof: "npm ci --no-audit" },
  { command: /^npm run typecheck$/, file: ".ci/run", proof: "npm run typecheck" },
  { command: /^npm test$/, file: ".ci/run", proof: "npm test --ignore-scripts" },
  { command: /^npm run demo$/, file: "test/e2e/demo.e2e.test.ts", proof: '"sandbox/lib/demo/main.js"' },
  { command: /^npm start$/, file: "sandbox/src/app-process.ts", proof: 'join(ROOT, "lib", "main.js")' },
  { command: /^npm run schema$/, file: "test/config/json-schema.test.ts", proof: 'runConfigSchema(["--write", "--out", file]' },
  { command: /^node lib\/cli\/main\.js config-schema( --check| --write --out \S+)?$/, file: "test/config/json-schema.test.ts", proof: 'runConfigSchema(["--check", "--out", file]' },
  // The bench's sections are checked through their modules (figures and targets), not by running for minutes.
  { command: /^npm run bench( -- --only (adversarial|latency))?$/, file: "test/bench/latency-targets.test.ts", proof: "sandbox/src/bench/latency-targets.js" },
];

interface Block {
  where: string;
  lang: string;
  lines: string[];
  marked: boolean;
}

/** The shell blocks of a markdown file (```sh, bash, shell, console), indented ones included. */
function shellBlocksOf(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(sh|bash|shell|console)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(open[1]!.length));
    const above = (lines[i - 1] ?? "").trim();
    const marked = /^<!--\s*example\b/i.test(above) || /^#\s*example\b/i.test(body.find((l) => l.trim())?.trim() ?? "");
    blocks.push({ where: `${file}:${i + 1}`, lang: open[2]!, lines: body, marked });
    i = j;
  }
  return blocks;
}

/** The commands of a block: continuation lines joined, comments dropped; in a console block only the `$ ` lines. */
function commandsOf(block: Block): string[] {
  const joined = block.lines.join("\n").replace(/\\\n\s*/g, " ").split("\n");
  const lines = block.lang === "console" ? joined.filter((l) => l.startsWith("$ ")).map((l) => l.slice(2)) : joined;
  return lines.map((l) => l.replace(/\s+#.*$/, "").replace(/^#.*$/, "").trim()).filter(Boolean);
}

describe("the shell commands in README.md and docs/", () => {
  const blocks = DOCS.flatMap(shellBlocksOf);

  test("there are blocks to check", () => {
    expect(blocks.length).toBeGreaterThan(8);
  });

  test("each command is run by a test or CI, or its block is marked as an example for a real deployment", () => {
    const unproved: string[] = [];
    for (const block of blocks.filter((b) => !b.marked)) {
      for (const command of commandsOf(block)) {
        const by = RUN_BY.find((r) => r.command.test(command));
        const proved = by && existsSync(join(ROOT, by.file)) && readFileSync(join(ROOT, by.file), "utf8").includes(by.proof);
        if (!proved) unproved.push(`${block.where}: ${command}`);
      }
    }
    expect(unproved).toEqual([]);
  });

  test("no command needs an unpublished package (`npx convener`)", () => {
    const uses = DOCS.flatMap((file) => readFileSync(join(ROOT, file), "utf8").split("\n").map((line, i) => ({ at: `${file}:${i + 1}`, line })))
      .filter(({ line }) => /\bnpx\s+convener\b/.test(line));
    expect(uses).toEqual([]);
  });
});
