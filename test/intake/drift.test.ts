import { describe, expect, test } from "@jest/globals";
import { validate } from "@octokit/graphql-schema";
import { defaultConfig } from "../../src/features/config-schema.js";
import { renderMarker } from "../../src/core/markers.js";
import { renderTemplate } from "../../src/core/templates.js";
import { hasDrifted, readVerdict } from "../../src/features/intake/drift.js";
import { INTAKE_MARKER } from "../../src/features/intake/gather.js";
import { INTAKE_SWEEP_QUERY, type OpenRequestNode } from "../../src/features/intake/sweep-query.js";

const labels = defaultConfig.intake.labels;

/** The verdict comment exactly as the intake-result template renders it. */
/** `claim: "none recorded"` renders the marker verdicts had before claims were recorded. */
function verdictBody(ready: boolean, claim: string | null = null): string {
  return renderTemplate("intake-result", {
    marker: renderMarker(INTAKE_MARKER, claim === "none recorded" ? undefined : { claim }), ready, kind: "Interest Group", count: 1, plural: "",
    problems: [{ field: "Channel tag", message: "missing" }], readyLabel: labels.ready,
  });
}

function request(fields: { labels: string[]; verdict?: string | null; edited?: string; commented?: string }): OpenRequestNode {
  return {
    number: 1, lastEditedAt: fields.edited ?? null,
    labels: { nodes: fields.labels.map((name) => ({ name })) },
    comments: { nodes: fields.verdict === null || fields.verdict === undefined ? [] : [{ body: fields.verdict, updatedAt: fields.commented ?? "2026-11-02T00:00:00Z", viewerDidAuthor: true }] },
  };
}

describe("intake drift: what the sweep re-checks", () => {
  const notReady = verdictBody(false);

  test("the verdict is read from the template's own heading", () => {
    expect(readVerdict(notReady)).toBe("needs-changes");
    expect(readVerdict(verdictBody(true))).toBe("ready");
  });

  test("a verdict and labels that agree, newer than the last edit, are left alone", () => {
    expect(hasDrifted(request({ labels: ["group-request", labels.needsChanges], verdict: notReady, edited: "2026-11-01T00:00:00Z" }), INTAKE_MARKER, labels)).toBe(false);
  });

  test("a label left wrong, a missing or doubled state label, no verdict, or an edit after the verdict is drift", () => {
    const ready = verdictBody(true);
    expect(hasDrifted(request({ labels: [labels.needsChanges], verdict: ready }), INTAKE_MARKER, labels)).toBe(true);
    expect(hasDrifted(request({ labels: [], verdict: notReady }), INTAKE_MARKER, labels)).toBe(true);
    expect(hasDrifted(request({ labels: [labels.ready, labels.needsChanges], verdict: ready }), INTAKE_MARKER, labels)).toBe(true);
    expect(hasDrifted(request({ labels: [labels.needsChanges], verdict: null }), INTAKE_MARKER, labels)).toBe(true);
    expect(hasDrifted(request({ labels: [labels.needsChanges], verdict: notReady, edited: "2026-11-03T00:00:00Z" }), INTAKE_MARKER, labels)).toBe(true);
  });

  test("the claim label must match the tag the verdict records; a verdict from before claims is re-checked once", () => {
    const claims = (claim: string | null, onIssue: string[]) =>
      hasDrifted(request({ labels: [labels.needsChanges, ...onIssue], verdict: verdictBody(false, claim) }), INTAKE_MARKER, labels);
    expect(claims("auth-ig", ["tag:auth-ig"])).toBe(false);
    expect(claims("auth-ig", ["Tag:Auth-IG"])).toBe(false); // label names are case-insensitive
    expect(claims("auth-ig", [])).toBe(true); // the claim label's write failed
    expect(claims("auth-ig", ["tag:auth-ig", "tag:old-ig"])).toBe(true); // the old claim was never removed
    expect(claims(null, ["tag:old-ig"])).toBe(true);
    expect(claims("none recorded", [])).toBe(true); // no `claim` in the marker: written before claims were recorded
  });

  test("someone else's comment with the marker is not the verdict", () => {
    const node = request({ labels: [labels.needsChanges], verdict: notReady });
    node.comments.nodes[0]!.viewerDidAuthor = false;
    expect(hasDrifted(node, INTAKE_MARKER, labels)).toBe(true);
  });

  test("the sweep's query is valid against GitHub's schema", () => {
    expect(validate(INTAKE_SWEEP_QUERY)).toEqual([]);
  });
});
