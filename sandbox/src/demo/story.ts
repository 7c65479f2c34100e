import type { Harness } from "../harness.js";
import { formBody, formLabels } from "../request-bodies.js";
import type { StandIn } from "../stand-in.js";
import { dayFromNow, PEOPLE, REPO, renderAgenda, renderSep } from "./community.js";

/** One act of the story: who does what, then what the app did in response. */
export interface Step {
  actor: string;
  says: string;
  act: (h: Harness, memo: Record<string, number>) => void | Promise<void>;
}

export const SWEEP_TOKEN = "demo-sweep-token";

const badRequest = () =>
  formBody("working-group", {
    "group-name": "Streaming", tag: "Streaming_WG", facilitators: `@${PEOPLE.facilitator}\n@nobody-here-2026`, maintainers: "@modelcontextprotocol/core",
    "use-cases": "", "first-item": "#999",
  });
const goodRequest = () =>
  formBody("working-group", {
    "group-name": "Streaming", tag: "streaming-wg", facilitators: `@${PEOPLE.facilitator}`, maintainers: `@${PEOPLE.maintainer}`,
    "use-cases": "Resumable streams for long tool calls, out of the Transports WG's discussions.", "first-item": "#1",
  });

/** The scripted story: a request with mistakes, the fix, the vote, a SEP pull request, meetings. */
export function storySteps(): Step[] {
  const as = (h: Harness, login: string) => h.standIn.control.as(login, REPO);
  return [
    {
      actor: PEOPLE.requester,
      says: "opens a Working Group request from the form, with mistakes (bad tag, unknown user, a team, empty answer, missing item)",
      act: (h, memo) => {
        memo.request = as(h, PEOPLE.requester).openIssue("[WG request] Streaming", badRequest(), formLabels("working-group")).number;
      },
    },
    {
      actor: PEOPLE.requester,
      says: "edits the request and fixes every field",
      act: (h, memo) => as(h, PEOPLE.requester).editIssue(memo.request!, { body: goodRequest() }),
    },
    {
      actor: PEOPLE.others[0]!,
      says: "tries `/vote` (not a moderator)",
      act: (h, memo) => void as(h, PEOPLE.others[0]!).comment(memo.request!, "/vote"),
    },
    {
      actor: PEOPLE.moderators[0]!,
      says: "calls the vote with `/vote`",
      act: (h, memo) => void as(h, PEOPLE.moderators[0]!).comment(memo.request!, "/vote"),
    },
    {
      actor: `${PEOPLE.moderators[1]}, ${PEOPLE.moderators[2]}, ${PEOPLE.others[1]}`,
      says: "vote: `/vote yes`, `/vote yes`, and a non-moderator's `/vote no` (does not count)",
      act: (h, memo) => {
        as(h, PEOPLE.moderators[1]!).comment(memo.request!, "/vote yes");
        as(h, PEOPLE.moderators[2]!).comment(memo.request!, "I support this.\n/vote yes");
        as(h, PEOPLE.others[1]!).comment(memo.request!, "/vote no");
      },
    },
    {
      actor: "clock",
      says: "73 hours pass (the demo's time machine); the scheduler calls the sweep (`POST /convener/sweep`)",
      act: async (h) => {
        await h.advanceClock(73 * 3600_000);
        await fetch(`http://127.0.0.1:${h.app.port}/convener/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } }).then((r) => r.arrayBuffer());
      },
    },
    {
      actor: PEOPLE.facilitator,
      says: "opens a pull request adding a SEP with mistakes (lower-case status, no PR number, missing sections)",
      act: (h, memo) => {
        const text = renderSep({ number: "0000", title: "Stream checkpoints", status: "draft", pr: "TBD", wg: "transports-wg", sections: ["Abstract", "Motivation", "Specification"] });
        memo.sepPull = as(h, PEOPLE.facilitator).openPullRequest("SEP: Stream checkpoints", "A new SEP for the Transports WG.", { "seps/0000-stream-checkpoints.md": text }, "grace/sep-checkpoints").number;
      },
    },
    {
      actor: PEOPLE.facilitator,
      says: "pushes a fix to the SEP pull request",
      act: (h, memo) => {
        const text = renderSep({ number: memo.sepPull!, title: "Stream checkpoints", status: "Draft", pr: `#${memo.sepPull}`, wg: "transports-wg" });
        as(h, PEOPLE.facilitator).updatePullRequest(memo.sepPull!, { "seps/0000-stream-checkpoints.md": null, [`seps/${memo.sepPull}-stream-checkpoints.md`]: text });
      },
    },
    {
      actor: PEOPLE.facilitator,
      says: "publishes the Transports WG's next agenda (in two weeks) on the default branch",
      act: (h) => {
        const date = dayFromNow(14, h.standIn.state.clockOffsetMs);
        as(h, PEOPLE.facilitator).push({ [`meetings/transports-wg/${date}.md`]: renderAgenda("transports-wg", date, "Transports WG working session", ["SEP-1500 follow-ups", "Stream checkpoints"]) }, "Add Transports WG agenda");
      },
    },
    {
      actor: PEOPLE.maintainer,
      says: "publishes an Agents WG agenda only 3 days ahead (the rule is 7)",
      act: (h) => {
        const date = dayFromNow(3, h.standIn.state.clockOffsetMs);
        as(h, PEOPLE.maintainer).push({ [`meetings/agents-wg/${date}.md`]: renderAgenda("agents-wg", date, "Agents WG sync", ["Tasks stabilization"]) }, "Add Agents WG agenda");
      },
    },
  ];
}

/** Lines describing what the app did since the given marks: its own events, check runs and commit comments. */
export function describeAppEffects(s: StandIn, from: { deliveries: number; checks: number; commitComments: number }): string[] {
  const bot = s.state.app.botLogin;
  const lines: string[] = [];
  for (const d of s.webhooks.deliveries.slice(from.deliveries)) {
    const p = JSON.parse(d.body);
    if (p.sender?.login !== bot) continue;
    const n = p.issue?.number ?? p.pull_request?.number ?? p.number;
    const first = (text: string) => (text ?? "").split("\n").map((l: string) => l.replace(/<!--.*?-->/g, "").replace(/^#+\s*/, "").trim()).find((l: string) => l) ?? "";
    if (d.event === "issue_comment") lines.push(`${d.action === "created" ? "comments on" : d.action === "edited" ? "updates its comment on" : "deletes a comment on"} #${n}: "${first(p.comment.body)}"`);
    else if (d.action === "labeled" || d.action === "unlabeled") lines.push(`${d.action === "labeled" ? "adds label" : "removes label"} \`${p.label.name}\` on #${n}`);
    else if (d.action === "opened") lines.push(`opens #${n} "${p.issue?.title ?? p.pull_request?.title}"`);
    else if (d.action === "closed" || d.action === "reopened") lines.push(`${d.action === "closed" ? "closes" : "reopens"} #${n}${p.issue?.state_reason ? ` (${p.issue.state_reason})` : ""}`);
    else if (d.action === "edited") lines.push(`edits #${n}`);
  }
  const repo = s.control.repoOf(REPO);
  for (const run of repo.checkRuns.slice(from.checks)) {
    lines.push(`check run "${run.name}" on ${run.head_sha.slice(0, 7)}: ${run.conclusion ?? run.status} — ${run.output.title ?? ""} (${run.annotations.length} annotation${run.annotations.length === 1 ? "" : "s"})`);
  }
  for (const c of repo.commitComments.slice(from.commitComments)) lines.push(`comments on commit ${c.commit_id.slice(0, 7)}: "${c.body.split("\n")[0]}"`);
  return lines;
}

export function marks(s: StandIn) {
  const repo = s.control.repoOf(REPO);
  return { deliveries: s.webhooks.deliveries.length, checks: repo.checkRuns.length, commitComments: repo.commitComments.length, requests: s.requests.length };
}
