import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { Harness } from "../../sandbox/src/harness.js";
import { signBody } from "../../sandbox/src/webhooks/sender.js";
import { igRequest, REPO, startWorld } from "./e2e-world.js";

/** A small deterministic PRNG, so a failing body can be reproduced from its index. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const JUNK: unknown[] = [
  null, 0, -1, 1e308, "", "x".repeat(70_000), "@everyone /vote yes", "<!-- convener:intake -->", "\u0000\ud800", [], [null], {}, { __proto__: { polluted: true } },
  true, "../../etc/passwd", { login: null }, [{ name: 42 }], "### Channel tag\n\n`a`-wg",
];

function mutate(value: any, random: () => number, depth = 0): any {
  if (value === null || typeof value !== "object" || depth > 6) return random() < 0.5 ? JUNK[Math.floor(random() * JUNK.length)] : value;
  const copy: any = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (keys.length === 0) return JUNK[Math.floor(random() * JUNK.length)];
  for (let i = 0; i < 1 + Math.floor(random() * 3); i++) {
    const key = keys[Math.floor(random() * keys.length)]!;
    const roll = random();
    if (roll < 0.25) delete copy[key];
    else if (roll < 0.6) copy[key] = JUNK[Math.floor(random() * JUNK.length)];
    else copy[key] = mutate(copy[key], random, depth + 1);
  }
  return copy;
}

interface Hostile {
  event: string;
  body: string;
  /** Signed with the app's secret (damaged payloads as GitHub could send them) or not (anyone's random bytes). */
  signed: boolean;
}

/**
 * 140 unsigned bodies of any kind (random bytes, broken or non-object JSON, huge or deeply nested
 * documents): anyone on the internet can send those. 60 signed JSON objects: real payload shapes
 * with fields deleted or replaced by junk. A signed non-object body (`null`, `1`) is left out: only
 * GitHub can sign, it always sends an object, and Probot's webhook layer itself answers those with
 * 500 before any app code runs.
 */
function hostileBodies(templates: { event: string; body: string }[]): Hostile[] {
  const random = prng(20261124);
  const events = ["issues", "issue_comment", "push", "pull_request", "ping", "check_run", "nope"];
  const fixed = ["", "{", "null", "[]", "1", '"text"', "{\"action\":", "\u00ff\u00fe", "{}".repeat(1000), "[".repeat(5000) + "]".repeat(5000)];
  const out: Hostile[] = fixed.map((body, i) => ({ event: events[i % events.length]!, body, signed: false }));
  while (out.length < 140) {
    const bytes = Array.from({ length: Math.floor(random() * 2000) }, () => String.fromCharCode(Math.floor(random() * 256))).join("");
    const t = templates[Math.floor(random() * templates.length)]!;
    const body = random() < 0.5 ? bytes : JSON.stringify(mutate(JSON.parse(t.body), random));
    out.push({ event: events[Math.floor(random() * events.length)]!, body, signed: false });
  }
  while (out.length < 200) {
    const t = templates[Math.floor(random() * templates.length)]!;
    // GitHub's envelope (`installation`) is GitHub's own data, never a user's: keep it, damage the rest.
    const { installation, ...rest } = JSON.parse(t.body);
    const payload = { ...mutate(rest, random), installation };
    const event = random() < 0.1 ? events[Math.floor(random() * events.length)]! : t.event;
    out.push({ event, body: JSON.stringify(payload), signed: true });
  }
  return out;
}

describe("hostile deliveries end to end", () => {
  let h: Harness;
  let templates: { event: string; body: string }[];

  beforeAll(async () => {
    h = await startWorld();
    // Real payload shapes to mutate: record a scene's deliveries without sending them.
    h.standIn.webhooks.url = undefined;
    const alice = h.standIn.control.as("alice", REPO);
    const { body, labels } = igRequest();
    const issue = alice.openIssue("[IG request] Auth", body, labels);
    alice.editIssue(issue.number, { body: body + "\n" });
    const comment = alice.comment(issue.number, "/vote\n/help");
    alice.editComment(comment, "/veto no reason");
    alice.push({ "meetings/auth-ig/2026-12-01.md": "---\ntitle: Auth\n---\n# Agenda\n" });
    alice.openPullRequest("SEP: thing", "body", { "seps/0000-thing.md": "# SEP-0000: Thing\n\n- **Status**: Draft\n" });
    templates = h.standIn.webhooks.deliveries.map((d) => ({ event: d.event, body: d.body }));
    h.standIn.webhooks.url = h.app.webhookUrl;
  }, 60_000);
  afterAll(async () => h?.stop());

  test("200 random and malformed bodies (140 unsigned → 400, 60 signed and damaged → handled): no 5xx, no crash, every reply within 10 s", async () => {
    const bodies = hostileBodies(templates);
    const results: { i: number; status: number; ms: number }[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const { event, body, signed } = bodies[i]!;
        const started = performance.now();
        const res = await fetch(h.app.webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": `fuzz-${i}`, ...(signed ? { "x-hub-signature-256": signBody(body, h.secret) } : {}) },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        results.push({ i, status: res.status, ms: performance.now() - started });
      }
    };
    await Promise.all(Array.from({ length: 2 }, worker));
    // Unsigned: refused (400) before any app code. Signed: handled, never a 5xx. Either way within 10 s.
    const failures = results.filter((r) => r.status >= 500 || r.ms >= 10_000 || (!bodies[r.i]!.signed && r.status !== 400));
    expect(failures.map((f) => ({ ...f, event: bodies[f.i]!.event, body: bodies[f.i]!.body.slice(0, 300) }))).toEqual([]);
    expect(results).toHaveLength(200);
    expect(h.app.child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${h.app.port}/ping`)).status).toBe(200);
    expect(h.app.output()).not.toMatch(/uncaught|unhandled/i);
  }, 170_000);
});
