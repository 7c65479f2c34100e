import { describe, expect, test } from "@jest/globals";
import { stringify } from "yaml";
import { readFrontMatter } from "../../src/core/front-matter.js";
import { findDeepNesting, MAX_YAML_DEPTH, readYaml } from "../../src/core/read-yaml.js";
import { defaultConfig, readConfigText } from "../../src/features/config-schema.js";

/** Hostile YAML (front matter, the configuration file): a precise refusal with its line, never a crash. */
const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(i === 0 ? "*a" : `*l${i}`).join(", ")}]`)].join("\n");
const front = (yaml: string) => readFrontMatter(`---\n${yaml}\n---\nbody\n`);

describe("hostile YAML in front matter", () => {
  test.each([
    ["an alias bomb", aliasBomb, 2, "the front matter uses more than 10 aliases (`*name`); write the values out"],
    ["3,000 nested `[`", "k: " + "[".repeat(3_000) + "]".repeat(3_000), 2, `the front matter is nested more than ${MAX_YAML_DEPTH} levels deep; write flatter data`],
    ["nested `{a: `", "{a: ".repeat(1_500), 2, `the front matter is nested more than ${MAX_YAML_DEPTH} levels deep; write flatter data`],
    ["block mappings nested by indentation", Array.from({ length: 100 }, (_, i) => " ".repeat(i) + `k${i}:`).join("\n"), 2 + MAX_YAML_DEPTH, `the front matter is nested more than ${MAX_YAML_DEPTH} levels deep; write flatter data`],
    ["a line of `- - - -`", "- ".repeat(1000) + "x", 2, `the front matter is nested more than ${MAX_YAML_DEPTH} levels deep; write flatter data`],
    ["a duplicate key", "title: a\ntitle: b", 3, "the front matter is not valid YAML: Map keys must be unique"],
  ])("%s is refused at its line", (_name, yaml, line, message) => {
    const result = front(yaml);
    expect(result).toMatchObject({ ok: false, missing: false, line, message });
  });

  test("front matter over 8,192 bytes is refused before its YAML is read, with its size and the limit", () => {
    expect(front("title: " + "x".repeat(60_000))).toMatchObject({
      ok: false, line: 2, message: "the front matter is 60,007 bytes; it may be at most 8,192 bytes (a few `key: value` fields): put long text in the body",
    });
  });

  test.each([
    ["a 60,000-character scalar", "title: " + "x".repeat(60_000)],
    ["10,000 keys", Array.from({ length: 10_000 }, (_, i) => `k${i}: v`).join("\n")],
    ["a flow sequence of 30,000 items", "k: [" + "1,".repeat(30_000) + "1]"],
  ])("%s is read by the YAML reader (no limit of its own but nesting and aliases)", (_name, yaml) => {
    expect(readYaml(yaml, { maxAliasCount: 10, what: "x" }).ok).toBe(true);
  });
});

describe("hostile YAML in the configuration file", () => {
  test("an alias bomb is a problem of the file, with its line", () => {
    expect(readConfigText(aliasBomb.replace(/^l/gm, "x-l"), ".github/convener.yml")).toEqual({
      ok: false, problems: [{ key: "(file)", message: "line 1: .github/convener.yml uses more than 100 aliases (`*name`); write the values out" }],
    });
  });

  test("deep nesting is a problem of the file, with the line where it passes the limit", () => {
    const text = "roles:\n  maintainers: " + "[".repeat(100) + "]".repeat(100) + "\n";
    expect(readConfigText(text, ".github/convener.yml")).toEqual({
      ok: false, problems: [{ key: "(file)", message: `line 2: .github/convener.yml is nested more than ${MAX_YAML_DEPTH} levels deep; write flatter data` }],
    });
  });

  test("valid YAML goes on to the schema, whose problems name the key", () => {
    expect(readConfigText("seps:\n  maxFileBytes: 12\n", ".github/convener.yml")).toMatchObject({ ok: false, problems: [{ key: "seps.maxFileBytes" }] });
  });
});

describe("the nesting scan", () => {
  test("real files pass it: the whole default configuration written out, and brackets in quotes, comments and text", () => {
    const full = stringify(defaultConfig);
    expect(findDeepNesting(full)).toBeUndefined();
    expect(readConfigText(full, ".github/convener.yml")).toEqual({ ok: true, config: defaultConfig });
    const tricky = [`title: "[[[[" # ${"{".repeat(100)}`, `note: '${"[".repeat(100)}'`, "who: Ada's group", `q: "a \\" ${"[".repeat(100)}"`].join("\n");
    expect(findDeepNesting(tricky)).toBeUndefined();
    expect(readYaml(tricky, { maxAliasCount: 10, what: "x" })).toMatchObject({ ok: true });
  });

  test(`${MAX_YAML_DEPTH} levels are allowed, one more is refused`, () => {
    expect(findDeepNesting("[".repeat(MAX_YAML_DEPTH))).toBeUndefined();
    expect(findDeepNesting("\n" + "[".repeat(MAX_YAML_DEPTH + 1))).toBe(1);
  });
});
