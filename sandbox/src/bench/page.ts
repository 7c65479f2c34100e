import { startHarness } from "../harness.js";
import { dayFromNow, ORG, REPO, renderAgenda, renderCharter, renderSep } from "../demo/community.js";

export const PAGE_TARGET_MS = 200;
const GROUPS = 50;
const SEPS = 500;
const MEETINGS = 200;

export interface PageFigure {
  groups: number;
  seps: number;
  meetings: number;
  /** Server time (Server-Timing) of the first request, which reads GitHub. */
  coldMs: number;
  /** Server time of cached requests: median and worst of `runs`. */
  cachedP50Ms: number;
  cachedMaxMs: number;
  runs: number;
  bytes: number;
  ok: boolean;
}

/** The community the page is measured on: 50 groups, 500 SEP files, 200 meetings in the next 4 weeks. */
function seedLargeCommunity(files: Record<string, string>): void {
  files["README.md"] = "# A large community for the page bench\n";
  files[".github/convener.yml"] = "dryRun: true\n";
  for (let g = 0; g < GROUPS; g++) {
    const wg = g % 5 !== 0;
    const tag = `group${g}-${wg ? "wg" : "ig"}`;
    files[`docs/community/${wg ? "working-groups" : "interest-groups"}/group${g}.mdx`] = renderCharter({
      title: `Group ${g}`, kind: wg ? "wg" : "ig", tag, mission: `Group ${g}'s mission.`,
      leads: [{ name: `Lead ${g}`, org: "Example", handle: `lead${g}` }], meeting: "Weekly",
    });
  }
  const statuses = ["Draft", "In-Review", "Accepted", "Final", "Rejected"];
  for (let n = 0; n < SEPS; n++) {
    const number = 2000 + n;
    files[`seps/${number}-proposal-${n}.md`] = renderSep({ number, title: `Proposal ${n}`, status: statuses[n % statuses.length]!, pr: `#${number}`, wg: `group${(n % 40) + 1}-wg` });
  }
  for (let m = 0; m < MEETINGS; m++) {
    const g = m % GROUPS;
    const tag = `group${g}-${g % 5 !== 0 ? "wg" : "ig"}`;
    const date = dayFromNow(1 + Math.floor(m / GROUPS) * 6 + (g % 6));
    files[`meetings/${tag}/${date}.md`] = renderAgenda(tag, date, `Group ${g} meeting ${m}`, ["Status", "Open questions"]);
  }
}

/** The page over the real server and the stand-in: once cold (GitHub read), then cached. */
export async function benchPage(runs = 30): Promise<PageFigure> {
  const h = await startHarness({
    seed: (s) => {
      s.control.org(ORG);
      const files: Record<string, string> = {};
      seedLargeCommunity(files);
      s.control.repo(REPO, files);
    },
  });
  try {
    const url = `http://127.0.0.1:${h.app.port}/convener/${REPO}/`;
    const timed = async () => {
      const res = await fetch(url);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`the page answered ${res.status}: ${body.slice(0, 300)}`);
      const dur = /dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1];
      return { ms: Number(dur), body };
    };
    const cold = await timed();
    const meetings = (cold.body.match(/Group \d+ meeting \d+/g) ?? []).length;
    const seps = (cold.body.match(/>SEP-\d+</g) ?? []).length;
    const groups = (cold.body.match(/<code>group\d+-(?:wg|ig)<\/code>/g) ?? []).length;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await timed()).ms);
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)]!;
    return {
      groups, seps, meetings, coldMs: cold.ms, cachedP50Ms: p50, cachedMaxMs: times.at(-1)!, runs, bytes: cold.body.length,
      ok: p50 < PAGE_TARGET_MS && groups === GROUPS && seps === SEPS && meetings === MEETINGS,
    };
  } finally {
    await h.stop();
  }
}

export function formatPage(f: PageFigure): string[] {
  return [
    `7. Governance page (${f.groups} groups, ${f.seps} SEPs, ${f.meetings} meetings shown; ${(f.bytes / 1024).toFixed(0)} KiB of HTML), server time from Server-Timing`,
    `   first request (reads GitHub): ${f.coldMs.toFixed(1)} ms; cached: p50 ${f.cachedP50Ms.toFixed(1)} ms, max ${f.cachedMaxMs.toFixed(1)} ms over ${f.runs} requests (target < ${PAGE_TARGET_MS} ms ${f.ok ? "✓" : "✗"})`,
  ];
}
