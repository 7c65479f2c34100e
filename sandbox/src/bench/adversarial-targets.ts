import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../app-process.js";
import { markdownInputs, yamlInputs, type AdversarialInput } from "./adversarial-inputs.js";

/**
 * Each parser of the product as the app calls it, with the hostile text placed where a user puts it
 * (an answer of the issue form, a SEP section, an agenda's front matter…). `run` returns the
 * refusal message when the parser refused the input instead of reading it.
 */
export interface ParserTarget {
  name: string;
  inputs: AdversarialInput[];
  /** Wraps a hostile text of `size` characters into a whole input of about `size` characters. */
  build: (input: AdversarialInput, size: number) => string;
  run: (text: string) => string | undefined;
  /** A different text of the same size for each run, for a parser that remembers recent texts (parseSep). */
  vary?: (text: string, run: number) => string;
}

const SEP_HEADER = [
  "# SEP-2133: Extensions", "",
  "- **Status**: Draft", "- **Type**: Standards Track", "- **Created**: 2025-01-21",
  "- **Author(s)**: Ada Example (@ada)", "- **Sponsor**: @grace", "- **PR**: #2133", "",
  "## Abstract", "", "",
].join("\n");

/** "Extensions" → "Extension0", "Extension1"…: same length, a new text. */
const varySep = (text: string, run: number) => text.replace("Extensions", `Extension${run % 10}`);

const CHARTER_HEAD = "---\ntitle: Bench Charter\n---\n\n## Group Type\n\n**Working Group**\n\n## Leadership\n\n";
const AGENDA_FRONT = "---\ntitle: Bench weekly\ndate: 2027-03-15\ntime: \"09:00\"\ntimezone: Europe/Berlin\nduration: 60\ntopic: bench\n---\n\n";
const REQUEST_HEAD = "### Group name\n\nBench\n\n### Channel tag\n\nbench-wg\n\n### Facilitator(s)\n\n@ada\n\n### Maintainer(s)\n\n@grace\n\n### Explanation of interest and use cases\n\n";

/** A hostile text placed after `head` (and before `tail`) so the whole is `size` characters. */
const framed = (head: string, tail = "") => (input: AdversarialInput, size: number) => head + input.text(Math.max(1, size - head.length - tail.length)) + tail;
const frontMatter = (tail: string) => (input: AdversarialInput, size: number) => "---\n" + input.text(Math.max(1, size - tail.length - 9)) + "\n---\n" + tail;

/** The built product's parsers (`npm run build`), as the server runs them. */
export async function loadParserTargets(): Promise<ParserTarget[]> {
  const load = (path: string) => import(pathToFileURL(join(ROOT, "lib", path)).href);
  const [request, commands, sep, check, registry, agenda, config, front, handles] = await Promise.all([
    load("features/intake/parse-request.js"), load("core/commands.js"), load("features/seps/parse-sep.js"),
    load("features/seps/check-sep-file.js"), load("registry/load-registry.js"), load("features/meetings/parse-agenda.js"),
    load("features/config-schema.js"), load("core/front-matter.js"), load("features/intake/handles.js"),
  ]);
  const { defaultConfig } = config;
  const now = new Date("2027-03-01T00:00:00Z");
  const sepFacts = { path: "seps/2133-extensions.md", prNumber: 2133 };
  const refusalOf = (findings: { rule: string; message: string }[]) => findings.find((f) => f.rule === "file-size")?.message;
  const agendaRefusal = (result: { ok: boolean; problems?: { message: string }[] }) =>
    result.ok ? undefined : result.problems?.find((p) => / bytes; /.test(p.message))?.message;
  const runAgenda = (text: string) => agendaRefusal(agenda.parseAgenda("meetings/bench-wg/2027-03-15.md", "bench-wg", "2027-03-15", text, defaultConfig.meetings.maxAgendaBytes));
  // As the registry reads a charter folder: the size limit, then parseCharter.
  const runCharter = (text: string) => {
    const entries = [{ name: "bench.mdx", type: "blob", object: { text, isTruncated: false } }];
    const built = registry.buildRegistry("bench", [{ folder: "docs/community/working-groups", kind: "wg", entries }], undefined, defaultConfig.registry.maxCharterBytes);
    return built.problems.find((p: { message: string }) => / bytes; /.test(p.message))?.message;
  };
  return [
    { name: "issue form (parseRequest)", inputs: markdownInputs, build: framed(REQUEST_HEAD), run: (t) => void request.parseRequest(t, "wg") },
    { name: "slash commands (parseCommands)", inputs: markdownInputs, build: (i, n) => i.text(n), run: (t) => void commands.parseCommands(t) },
    { name: "SEP file (parseSep)", inputs: markdownInputs, build: framed(SEP_HEADER), run: (t) => void sep.parseSep(t), vary: varySep },
    { name: "SEP check (checkSepFile)", inputs: markdownInputs, build: framed(SEP_HEADER), run: (t) => refusalOf(check.checkSepFile(t, sepFacts, defaultConfig.seps, now)), vary: varySep },
    { name: "charter body (parseCharter)", inputs: markdownInputs, build: framed(CHARTER_HEAD), run: runCharter },
    { name: "charter front matter (parseCharter)", inputs: yamlInputs, build: frontMatter("# Bench\n"), run: runCharter },
    { name: "agenda body (parseAgenda)", inputs: markdownInputs, build: framed(AGENDA_FRONT), run: runAgenda },
    { name: "agenda front matter (parseAgenda)", inputs: yamlInputs, build: frontMatter("- item\n"), run: runAgenda },
    // Webhooks and sweeps read each file through config-files.ts with the same size limit and YAML reader.
    { name: "config (readConfigText)", inputs: yamlInputs, build: (i, n) => i.text(n), run: (t) => configRefusal(config.readConfigText(t, ".github/convener.yml")) },
    { name: "front matter (readFrontMatter)", inputs: yamlInputs, build: frontMatter(""), run: (t) => void front.readFrontMatter(t) },
    { name: "handles (parseHandles)", inputs: markdownInputs, build: (i, n) => i.text(n), run: (t) => void handles.parseHandles(t) },
  ];
}

function configRefusal(result: { ok: boolean; problems?: { key: string; message: string }[] }): string | undefined {
  return result.ok ? undefined : result.problems?.find((p) => / bytes; /.test(p.message))?.message;
}
