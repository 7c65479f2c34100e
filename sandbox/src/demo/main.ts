import { writeFileSync } from "node:fs";
import { startHarness, type Harness } from "../harness.js";
import { PEOPLE, REPO, seedCommunity } from "./community.js";
import { describeAppEffects, marks, storySteps, SWEEP_TOKEN } from "./story.js";

/**
 * `npm run demo`: the stand-in seeded with a sample community, the real Convener server against it,
 * a scripted story with a readable timeline, then both keep serving until Ctrl-C.
 * `--once` (or DEMO_EXIT=1) stops after the story: CI runs it that way.
 */
const once = process.argv.includes("--once") || process.env.DEMO_EXIT === "1";
const out = (line = "") => process.stdout.write(line + "\n");
const time = () => new Date().toISOString().slice(11, 19);

async function main(): Promise<number> {
  out("Convener demo — a local GitHub stand-in and the real Convener server (no GitHub account, no network)");
  const h = await startHarness({ seed: seedCommunity, env: { SWEEP_TOKEN }, timeTravel: true });
  out(`GitHub stand-in: ${h.standIn.urls.web} (REST ${h.standIn.urls.api}, GraphQL ${h.standIn.urls.web}/api/graphql)`);
  out(`Convener:        http://127.0.0.1:${h.app.port} (webhooks at ${h.app.webhookUrl})`);
  out(`Governance page: http://127.0.0.1:${h.app.port}/convener/${REPO}/ (reload it as the story goes on)`);
  out(`Community:       ${REPO} — moderators ${PEOPLE.moderators.map((m) => "@" + m).join(", ")}; groups transports-wg, agents-wg, auth-ig`);
  out("");
  let failed = 0;
  const memo: Record<string, number> = {};
  for (const step of storySteps()) {
    const before = marks(h.standIn);
    out(`${time()}  @${step.actor} ${step.says}`);
    try {
      await step.act(h, memo);
      await h.standIn.settle(400, 60_000);
    } catch (error) {
      failed++;
      out(`          ✗ ${(error as Error).message}`);
    }
    const effects = describeAppEffects(h.standIn, before);
    const requests = h.standIn.requestsSince(before.requests);
    for (const line of effects) out(`${time()}    convener[bot] ${line}`);
    if (effects.length === 0) out(`${time()}    convener[bot] (no change needed)`);
    out(`          ${requests.length} GitHub API request(s), ${requests.filter((r) => r.write).length} write(s)`);
  }
  const answered = h.standIn.webhooks.deliveries.filter((d) => d.status !== undefined);
  const bad = answered.filter((d) => d.status! >= 300 || d.error);
  out("");
  out(`${h.standIn.webhooks.deliveries.length} webhook deliveries (${bad.length} not answered 2xx), ${h.standIn.requests.length} GitHub API requests by the app.`);
  if (process.env.DEMO_STATE_FILE) writeFileSync(process.env.DEMO_STATE_FILE, JSON.stringify(snapshot(h, memo), null, 2));
  if (once) {
    await h.stop();
    return failed + bad.length === 0 ? 0 : 1;
  }
  out("");
  out("Still serving. Try, for example:");
  out(`  curl -s ${h.standIn.urls.web}/_control/issues?repo=${REPO}`);
  out(`  curl -s -X POST ${h.standIn.urls.web}/_control/act -d '{"as":"ada","repo":"${REPO}","do":"comment","number":${memo.request ?? 1},"body":"/help"}'`);
  out(`  curl -s ${h.standIn.urls.web}/_control/requests`);
  out("Press Ctrl-C to stop. Deliveries from now on are listed below.");
  h.standIn.webhooks.onDelivered = (d) => {
    const sender = JSON.parse(d.body).sender?.login ?? "?";
    out(`${time()}  ${d.event}${d.action ? `.${d.action}` : ""} by @${sender} → Convener answered ${d.status ?? d.error} in ${(d.ms ?? 0).toFixed(0)} ms`);
  };
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  out("\nStopping Convener and the stand-in…");
  await h.stop();
  return 0;
}

/** The community repository as the story left it: what the CI test of the demo checks. */
function snapshot(h: Harness, memo: Record<string, number>) {
  const repo = h.standIn.control.repoOf(REPO);
  return {
    memo,
    issues: [...repo.issues.values()].map((i) => ({
      number: i.number, title: i.title, user: i.user, state: i.state, labels: i.labels, pull: Boolean(i.pull), headSha: i.pull?.headSha ?? null,
      comments: i.comments.map((c) => ({ id: c.id, user: c.user, body: c.body })),
    })),
    checkRuns: repo.checkRuns.map((r) => ({ name: r.name, headSha: r.head_sha, conclusion: r.conclusion, annotations: r.annotations.length })),
    deliveries: h.standIn.webhooks.deliveries.map((d) => ({ event: d.event, action: d.action ?? null, status: d.status ?? null, error: d.error ?? null })),
  };
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`demo failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
