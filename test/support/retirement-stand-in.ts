import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { faketimeEnv, ROOT } from "../../sandbox/src/app-process.js";
import type { Harness } from "../../sandbox/src/harness.js";
import type { StandIn } from "../../sandbox/src/stand-in.js";
import { CHARTERS_DIR } from "./shared-fixtures.js";

/** The retirement repository on the GitHub stand-in, and `convener sweep` run against it as its own process. */
export const REPO = "modelcontextprotocol/modelcontextprotocol";
export const SWEEP_TOKEN = "e2e-sweep-token";
const DAY = 86_400_000;
export const CONFIG = `roles:
  moderators: [mod-mia]
  maintainers: [maint-max]
  coreMaintainers: [core-cora]
  leadMaintainers: [lead-leo]
`;

/** The leads each charter names (the fixtures' front matter), by WG tag. */
export const LEADS: Record<string, string[]> = {
  "agents-wg": ["LucaButBoring", "CaitieM20"],
  "server-card-wg": ["dsp-ant", "SamMorrowDrums"],
  "file-uploads-wg": ["localden"],
};

/**
 * Three WGs and one IG from the real MCP charters. Server Card's last human activity was a reply 45
 * days ago, File Uploads had only a bot lately; Agents had a human two days ago, or `agentsIdleDays` ago.
 */
export function seedThreeWorkingGroups(s: StandIn, options: { agentsIdleDays?: number; config?: string } = {}): void {
  const charter = (path: string) => readFileSync(join(CHARTERS_DIR, path), "utf8");
  s.control.repo(REPO, {
    ".github/convener.yml": options.config ?? CONFIG,
    "docs/community/working-groups/agents.mdx": charter("working-groups/agents.mdx"),
    "docs/community/working-groups/server-card.mdx": charter("working-groups/server-card.mdx"),
    "docs/community/working-groups/file-uploads.mdx": charter("working-groups/file-uploads.mdx"),
    "docs/community/interest-groups/auth.mdx": charter("interest-groups/auth.mdx"),
  });
  s.state.addAccount("github-actions[bot]", "Bot");
  const act = (login: string) => s.control.as(login, REPO);
  const agents = act("LucaButBoring").openIssue("Tasks stabilization", "Tracking.", ["agents-wg"]);
  act("CaitieM20").comment(agents.number, "on it");
  s.control.age(REPO, agents.number, (options.agentsIdleDays ?? 2) * DAY);
  const card = act("dsp-ant").openIssue("Server Card schema", "Draft.", ["server-card-wg"]);
  s.control.age(REPO, card.number, 5 * DAY); // opened 50 days ago, the last human reply 45 days ago
  act("SamMorrowDrums").comment(card.number, "reviewed");
  s.control.age(REPO, card.number, 45 * DAY);
  const uploads = act("ochafik").openIssue("Declarative file inputs", "Draft.", ["file-uploads-wg"]);
  s.control.age(REPO, uploads.number, 90 * DAY);
  act("github-actions[bot]").comment(uploads.number, "CI passed");
}

export interface SweepProcess {
  code: number;
  out: string;
  err: string;
}

/** `node lib/cli/main.js sweep …` as its own process, authenticated as the app against the stand-in. */
export function runSweepProcess(h: Harness, args: string[]): Promise<SweepProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", APP_ID: String(h.appId), PRIVATE_KEY: h.privateKey,
    GHE_HOST: h.standIn.host, GHE_PROTOCOL: "http", APP_SLUG: "convener", LOG_LEVEL: "warn",
    // Under CI's shifted passes the sweep runs at the stand-in's (shifted) date, as the server does.
    ...faketimeEnv(process.env),
  };
  const child = spawn(process.execPath, [join(ROOT, "lib", "cli", "main.js"), "sweep", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/**
 * Only the Server Card WG (its real charter), with one issue labelled for it that nobody touched
 * for 60 days: the first sweep opens its review issue.
 */
export function seedServerCard(s: StandIn, config = CONFIG): void {
  s.control.repo(REPO, {
    ".github/convener.yml": config,
    "docs/community/working-groups/server-card.mdx": readFileSync(join(CHARTERS_DIR, "working-groups/server-card.mdx"), "utf8"),
  });
  const item = s.control.as("dsp-ant", REPO).openIssue("SEP-2127: MCP Server Card", "Draft.", ["server-card-wg"]);
  s.control.age(REPO, item.number, 60 * DAY);
}
