import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createProbot, ProbotOctokit } from "probot";
import { systemClock, type Clock } from "../core/clock.js";
import { ConvenerOctokit } from "../core/octokit.js";
import { readGovernanceViews } from "../features/page/export.js";
import { renderPage } from "../features/page/render.js";
import type { CliCommand } from "./commands.js";

export interface ExportIo {
  env: NodeJS.ProcessEnv;
  write: (text: string) => void;
  Octokit?: typeof ProbotOctokit;
  clock?: Clock;
}

const USAGE = "usage: convener export-page --out DIR [--repo owner/name] [--feed-base URL]\n";

/**
 * `convener export-page`: the governance page as static files, for GitHub Pages or the Actions
 * mode: `DIR/index.html` (every community) and `DIR/<owner>/<repo>/index.html`, linked to each
 * other relatively. Reads as the app (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, GHE_HOST), never writes
 * to GitHub. `--feed-base` is where the server's calendar feeds live (the export has none of its own).
 */
export async function runExportCli(args: string[], io: ExportIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { out: { type: "string" }, repo: { type: "string" }, "feed-base": { type: "string" }, help: { type: "boolean" } } }));
  } catch (error) {
    io.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) return io.write(USAGE), 0;
  if (!values.out) return io.write(`--out is required\n${USAGE}`), 2;
  if (values.repo && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(values.repo)) return io.write(`--repo must be owner/name, not "${values.repo}"\n`), 2;
  const feedBase = values["feed-base"]?.replace(/\/+$/, "");
  if (feedBase !== undefined && !/^https?:\/\/[^\s"'<>]+$/.test(feedBase)) return io.write("--feed-base must be an http(s) URL\n"), 2;
  if (!io.env.APP_ID || !(io.env.PRIVATE_KEY || io.env.PRIVATE_KEY_PATH)) {
    io.write("convener export-page needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) in the environment, as the server does\n");
    return 2;
  }
  const probot = createProbot({ env: { LOG_LEVEL: "warn", ...io.env }, overrides: { Octokit: io.Octokit ?? ConvenerOctokit } });
  const clock = io.clock ?? systemClock;
  const { views, failed } = await readGovernanceViews(probot, clock, io.env, values.repo);
  const out = resolve(values.out);
  const now = clock();
  const pathOf = (repo: string) => repo.split("/").map(encodeURIComponent).join("/");
  const common = { now, ...(feedBase ? { feedBase } : {}) };
  if (!values.repo) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "index.html"), renderPage(views, { ...common, indexHref: "./", repoHref: (r) => `${pathOf(r)}/` }, false));
  }
  for (const view of views) {
    const dir = join(out, ...view.repo.split("/"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.html"), renderPage([view], { ...common, indexHref: "../../", repoHref: () => "./" }, true));
  }
  io.write(`wrote the governance page of ${views.length} communit${views.length === 1 ? "y" : "ies"} to ${out}\n`);
  for (const f of failed) io.write(`could not read ${f.repo}: ${f.error}\n`);
  return failed.length > 0 ? 1 : 0;
}

export const runCommand: CliCommand["run"] = (args) => runExportCli(args, { env: process.env, write: (t) => void process.stdout.write(t) });
