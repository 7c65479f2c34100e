import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { configSchema, defaultConfig } from "../../src/features/config-schema.js";
import { buildRegistry } from "../../src/registry/load-registry.js";
import { findGroup } from "../../src/registry/types.js";
import { decideSepLink } from "../../src/features/sep-link/decide.js";
import type { SepLinkInput } from "../../src/features/sep-link/gather.js";
import { isLinkedTo, linkedSearchQualifier } from "../../src/features/sep-link/linked-work.js";
import { buildPullFactsQuery } from "../../src/core/pull-facts.js";
import { pullFactsOptions } from "../../src/features/pull-request-read.js";
import { renderSepLink } from "../../src/features/sep-link/render-link.js";
import { renderMarker } from "../../src/core/markers.js";
import { charterEntries } from "../support/registry-fixtures.js";
import { expectGolden as expectSharedGolden } from "../golden/expect-golden.js";

// The shared harness: a missing golden file fails (UPDATE_GOLDEN=1 writes it), it is never silently written.
const expectGolden = (file: string, text: string) => expectSharedGolden(file.replace(/\.md$/, ""), text);

const registry = buildRegistry("a".repeat(40), [
  { folder: "docs/community/working-groups", kind: "wg", entries: charterEntries("working-groups") },
  { folder: "docs/community/interest-groups", kind: "ig", entries: charterEntries("interest-groups") },
]);
const config = configSchema.parse({});
const now = new Date("2026-09-01T00:00:00Z");
const target = { owner: "mcp", repo: "community", issue: 2700 };

function input(overrides: Partial<SepLinkInput> = {}): SepLinkInput {
  return {
    target, repoUrl: "https://github.com/mcp/community", labels: [], registry, existing: null,
    files: [{ path: "seps/2700-handoff.md", named: { name: "agents-wg", line: 9, source: "field" } }],
    ...overrides,
  };
}

describe("SEP link message", () => {
  test("linked to one WG (golden)", () => {
    expectGolden("sep-link-linked.md", renderSepLink({
      marker: renderMarker("sep-link", { tags: ["agents-wg"] }),
      repoUrl: "https://github.com/mcp/community",
      linked: [{ group: findGroup(registry, "agents-wg")!, paths: ["seps/2700-handoff.md"] }],
      unlinked: [],
    }));
  });

  test("nothing linked, with the reasons (golden)", () => {
    expectGolden("sep-link-unlinked.md", renderSepLink({
      marker: renderMarker("sep-link", { tags: [] }),
      repoUrl: "https://github.com/mcp/community",
      linked: [],
      unlinked: [
        { path: "seps/2700-handoff.md", name: "payments-wg", line: 9, why: "unknown" },
        { path: "seps/2701-x.md", name: "Security IG", line: 7, why: "interest-group" },
      ],
    }));
  });

  test("hostile names are escaped: no mention, no HTML, no marker", () => {
    const body = renderSepLink({
      marker: "", repoUrl: "https://github.com/mcp/community", linked: [],
      unlinked: [{ path: "seps/`x`.md", name: "@everyone <!-- convener:sep-link --> `wg`", line: 1, why: "unknown" }],
    });
    expect(body).not.toContain("<!--");
    expect(body).toContain("`@everyone <!- - convener:sep-link - -> 'wg'`"); // one code span: no mention, nothing rendered
  });
});

describe("decideSepLink (pure)", () => {
  test("links, then does nothing when the state is current", () => {
    const plan = decideSepLink(input(), config, now);
    expect(plan.map((a) => a.kind)).toEqual(["labels.add", "comment.create"]);
    const body = (plan[1] as { body: string }).body;
    const current = decideSepLink(input({ labels: ["agents-wg"], existing: { id: 9, body, tags: ["agents-wg"] } }), config, now);
    expect(current).toEqual([]);
  });

  test("two SEP files naming two WGs give two labels and one comment", () => {
    const plan = decideSepLink(input({ files: [
      { path: "seps/1-a.md", named: { name: "Agents Working Group", line: 6, source: "authors" } },
      { path: "seps/2-b.md", named: { name: "#mcp-apps-wg", line: 9, source: "field" } },
    ] }), config, now);
    expect(plan[0]).toMatchObject({ kind: "labels.add", labels: ["agents-wg", "mcp-apps-wg"] });
    expect(plan.filter((a) => a.kind === "comment.create")).toHaveLength(1);
  });

  test("a recorded tag that is no longer a registered group is left alone", () => {
    const plan = decideSepLink(input({ labels: ["old-wg", "agents-wg"], existing: { id: 9, body: "x", tags: ["old-wg", "agents-wg"] } }), config, now);
    expect(plan.map((a) => a.kind)).toEqual(["comment.update"]);
  });

  test("a retiring WG still links (its SEP is activity); its comment says so", () => {
    const retiring = { ...registry, groups: registry.groups.map((g) => (g.tag === "agents-wg" ? { ...g, status: "retiring" as const } : g)) };
    const plan = decideSepLink(input({ registry: retiring }), config, now);
    expect(plan[0]).toMatchObject({ kind: "labels.add", labels: ["agents-wg"] });
    expect((plan[1] as { body: string }).body).toContain("under retirement review");
  });
});

describe("linked work and queries", () => {
  test("isLinkedTo reads the tag label, case-insensitively, from names or label objects", () => {
    const agents = findGroup(registry, "agents-wg")!;
    expect(isLinkedTo(agents, ["SEP", "Agents-WG"])).toBe(true);
    expect(isLinkedTo(agents, [{ name: "agents-wg" }])).toBe(true);
    expect(isLinkedTo(agents, ["agents-ig", "agents"])).toBe(false);
    expect(linkedSearchQualifier(agents)).toBe('label:"agents-wg"');
  });

  test("the link's GraphQL query (shared with the SEP check) is valid against GitHub's schema", () => {
    expect(validate(buildPullFactsQuery(pullFactsOptions(defaultConfig)))).toEqual([]);
    // The SEP texts are read with the shared texts query, validated in test/seps/queries.test.ts.
  });
});
