import { describe, expect, test } from "@jest/globals";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import { SCHEMA_FILE, renderJsonSchema, runConfigSchema } from "../../src/cli/config-schema.js";
import { DEFAULTS_FILE, readDefaultConfig, renderDefaultConfig } from "../../src/cli/default-config.js";
import { commands } from "../../src/cli/commands.js";
import { defaultConfig, toJsonSchema } from "../../src/features/config-schema.js";

const REGENERATE = "npm run schema";
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof import("ajv/dist/2020.js").default;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

describe("templates/default-config.json (read by check-seps without loading the schema)", () => {
  test("is current: exactly the schema's defaults", () => {
    const committed = readFileSync(DEFAULTS_FILE, "utf8");
    if (committed !== renderDefaultConfig(defaultConfig)) throw new Error(`${DEFAULTS_FILE} is out of date. Regenerate it with \`${REGENERATE}\` and commit it.`);
    expect(readDefaultConfig()).toEqual(defaultConfig);
  });
});

describe("templates/convener.schema.json", () => {
  test("is current (generated from the zod schema)", () => {
    let committed = "";
    try {
      committed = readFileSync(SCHEMA_FILE, "utf8");
    } catch {
      // missing: reported below
    }
    const current = renderJsonSchema();
    if (committed !== current) {
      throw new Error(`${SCHEMA_FILE} is out of date with src/features/config-schema.ts (or missing). Regenerate it with \`${REGENERATE}\` and commit it.`);
    }
    expect(JSON.parse(committed)).toEqual(toJsonSchema());
  });

  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(toJsonSchema());

  test.each([
    ["an empty file", ""],
    ["the defaults written out", JSON.stringify(defaultConfig)],
    ["_extends plus a few keys", "_extends: .github\ndryRun: true\nroles:\n  moderators: [alice, mcp/mods]\nintake:\n  labels:\n    ready: ok\n"],
  ])("accepts %s", (_what, yaml) => {
    const ok = validate(parseYaml(yaml) ?? {});
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test.each([
    ["an unknown top-level key", "dryrun: true\n", "/"],
    ["an unknown nested key", "intake:\n  labels:\n    redy: x\n", "/intake/labels"],
    ["a wrong type", "dryRun: sometimes\n", "/dryRun"],
    ["a bad role entry", "roles:\n  moderators: ['not a user!']\n", "/roles/moderators/0"],
  ])("rejects %s, at the right place", (_what, yaml, at) => {
    expect(validate(parseYaml(yaml))).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath || "/")).toContain(at);
  });

  test("every default in the JSON Schema is the zod default (walks every nested section)", () => {
    const mismatches: string[] = [];
    let leaves = 0;
    const walk = (node: any, value: any, path: string) => {
      if (node?.properties && value && typeof value === "object" && !Array.isArray(value)) {
        for (const [key, child] of Object.entries<any>(node.properties)) {
          if (key === "_extends") continue;
          // A key without a default (an optional, deprecated one) is absent from the defaults by design.
          if (!(key in value)) {
            if ("default" in child || child.properties) mismatches.push(`${path}${key}: in the JSON Schema, not in the zod defaults`);
          }
          else walk(child, value[key], `${path}${key}.`);
        }
        return;
      }
      leaves += 1;
      if ("default" in (node ?? {}) && JSON.stringify(node.default) !== JSON.stringify(value)) {
        mismatches.push(`${path.slice(0, -1)}: ${JSON.stringify(node.default)} ≠ ${JSON.stringify(value)}`);
      }
    };
    walk(toJsonSchema(), defaultConfig, "");
    expect(mismatches).toEqual([]);
    expect(leaves).toBeGreaterThanOrEqual(10);
  });

  test("the core keys (dryRun, roles.*) are described for editors", () => {
    const schema = toJsonSchema() as any;
    for (const node of [schema.properties.dryRun, schema.properties._extends, schema.properties.roles, ...Object.values<any>(schema.properties.roles.properties)]) {
      expect(node.description).toEqual(expect.stringMatching(/\w{3,}/));
    }
  });
});

describe("convener config-schema", () => {
  test("is registered as a CLI command", () => {
    expect(commands.map((c) => c.name)).toContain("config-schema");
  });

  test("prints the schema", () => {
    const { io, out } = capture();
    expect(runConfigSchema([], io)).toBe(0);
    expect(out.join("")).toBe(renderJsonSchema());
  });

  test("--write writes the file (--out), and --check then passes; a stale file fails --check with the command to run", () => {
    const file = join(mkdtempSync(join(tmpdir(), "convener-schema-")), "schema.json");
    const write = capture();
    expect(runConfigSchema(["--write", "--out", file], write.io)).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(renderJsonSchema());
    expect(runConfigSchema(["--check", "--out", file], capture().io)).toBe(0);

    writeFileSync(file, "{}\n");
    const stale = capture();
    expect(runConfigSchema(["--check", "--out", file], stale.io)).toBe(1);
    expect(stale.err.join("")).toContain(REGENERATE);
  });

  test("bad arguments: usage and exit 2", () => {
    const bad = capture();
    expect(runConfigSchema(["--wirte"], bad.io)).toBe(2);
    expect(bad.err.join("")).toMatch(/usage: convener config-schema/);
    expect(runConfigSchema(["--write", "--check"], capture().io)).toBe(2);
  });
});
