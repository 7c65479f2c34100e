import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import type { Logger } from "pino";
import type { Clock } from "../../src/core/clock.js";
import convener from "../../src/index.js";
import { countWorkAfterAnswer } from "../../src/core/deferred-answer.js";
import { forgetAllLabelIds } from "../../src/core/label-ids.js";
import { forgetReviewed } from "../../src/features/intake/reviewed.js";
import { forgetPullPathHints } from "../../src/core/pull-path-hints.js";
import { forgetAllWriteIds } from "../../src/core/write-ids.js";
import { StandIn } from "../../sandbox/src/stand-in.js";

/** The app's installation token in the stand-in: the in-process app authenticates with it. */
const TOKEN = "in-process-installation-token";

export interface StandInApp {
  standIn: StandIn;
  probot: Probot;
  /** The in-process server's webhook endpoint (the stand-in delivers there). */
  webhookUrl: string;
  /** Waits until every delivery the stand-in sent has been handled and the app went quiet. */
  settle: (quietMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

export interface StandInAppOptions {
  /** The app's clock; the stand-in keeps its own (move it with `standIn.control.advanceClock`). */
  clock?: Clock;
  /** Seeds the stand-in before the app starts. */
  seed?: (standIn: StandIn) => void;
  /** Octokit retries and throttling: off by default, so a test runs at full speed. */
  retries?: boolean;
  env?: Record<string, string>;
  /** The app's logger (a test reading the app's log lines passes one); Probot's, at fatal, otherwise. */
  log?: Logger;
}

/**
 * The one fake GitHub, in process: the stand-in on loopback and the real app loaded into a Probot
 * whose Octokit reaches it, behind Probot's own webhook middleware. Every event goes as GitHub sends
 * it (signed HTTP deliveries of the stand-in's own changes), but the app runs in the test's process,
 * so a test can inject the clock and start in milliseconds instead of spawning the server.
 */
export async function startStandInApp(options: StandInAppOptions = {}): Promise<StandInApp> {
  // Process-wide memories of the app (node ids, reviewed requests, the files a branch or PR touched)
  // are about the previous stand-in's repositories, and each new stand-in numbers its objects afresh: start afresh.
  forgetAllLabelIds();
  forgetAllWriteIds();
  forgetReviewed();
  forgetPullPathHints();
  const secret = randomBytes(16).toString("hex");
  const standIn = await StandIn.start({ webhookSecret: secret });
  standIn.tokens.add(TOKEN);
  options.seed?.(standIn);
  const Octokit = options.retries
    ? ProbotOctokit
    : ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  const saved = { ...process.env };
  Object.assign(process.env, { APP_ID: String(standIn.state.app.id), APP_SLUG: standIn.state.app.slug, ...options.env });
  const probot = new Probot({
    githubToken: TOKEN, baseUrl: standIn.urls.api, secret, Octokit: Octokit as typeof ProbotOctokit, logLevel: "fatal" as any,
    ...(options.log ? { log: options.log as any } : {}),
  });
  const middleware = await createNodeMiddleware(
    (app, appOptions) => convener(app, { ...appOptions, ...(options.clock ? { clock: options.clock } : {}) }),
    { probot, webhooksPath: "/api/github/webhooks" },
  );
  process.env = saved;
  // Deliveries the app is still handling: one GitHub gave up on (10 s) is still being handled, and
  // settle waits for it too.
  let handling = 0;
  const server: Server = createServer((req, res) => {
    handling++;
    void Promise.resolve(middleware(req, res, () => res.writeHead(404).end())).finally(() => handling--);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  standIn.webhooks.url = webhookUrl;
  // Deliveries answered early may still be at work (a write waiting its turn): settling waits for them.
  standIn.busyProbe = async () => countWorkAfterAnswer() > 0;
  return {
    standIn,
    probot,
    webhookUrl,
    settle: async (quietMs = 100) => {
      await standIn.settle(quietMs);
      while (handling > 0) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        await standIn.settle(quietMs);
      }
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await standIn.close();
    },
  };
}
