import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, type KeyObject } from "node:crypto";
import { verifyAppJwt } from "./auth.js";
import { Changes } from "./changes.js";
import { Control } from "./control.js";
import { Faults } from "./faults.js";
import { runGraphql } from "./graphql/execute.js";
import { describeGraphqlRequest } from "./request-kind.js";
import { githubSchema } from "./graphql/schema.js";
import { addAppRoutes } from "./rest/app-routes.js";
import { addGitRoutes } from "./rest/git-routes.js";
import { addIssueRoutes } from "./rest/issue-routes.js";
import { addPullRoutes } from "./rest/pull-routes.js";
import { HttpError, Router, type RestReply } from "./rest/router.js";
import { ACTIONS_APP, type Urls } from "./shapes.js";
import { State } from "./state.js";
import { WebhookSender } from "./webhooks/sender.js";

export interface StandInOptions {
  appId?: number;
  slug?: string;
  installationId?: number;
  webhookSecret: string;
  /** Where webhooks go (can be set later with `standIn.webhooks.url = ...`). */
  webhookUrl?: string;
  /** The app's public key: the app's JWT is then verified as GitHub does. */
  publicKey?: KeyObject | string;
  port?: number;
  /** A network round trip added to every API request (default 0): see `StandIn.latencyMs`. */
  latencyMs?: number;
}

/** One request the app (or anyone) made to the stand-in. */
export interface RequestRecord {
  method: string;
  /** REST path without `/api/v3` and without the query; GraphQL as `/graphql`. */
  path: string;
  status: number;
  /** From arrival to answer, the added latency included. */
  ms: number;
  /** `Date.now()` when the request arrived (its start). */
  at: number;
  /** `Date.now()` when its answer was sent (its end): two writes overlap when one starts before the other ends. */
  endAt: number;
  /** Anything but a read: a REST write (not GET or HEAD) or a GraphQL document whose operation is a mutation. */
  write: boolean;
  /** The GraphQL operation name, when there is one. */
  operation?: string;
  /** A mutation document's fields in order (`addComment`, `createCheckRun`, …): what the write did. */
  mutations?: string[];
  fault?: boolean;
  /** Size of the answer's JSON: what a request made GitHub send (an event must not read the whole repository). */
  responseBytes?: number;
}

/**
 * A GitHub stand-in on loopback: REST under `/api/v3`, GraphQL at `/api/graphql`, signed webhooks
 * for every change, a request log, fault injection, and a control API (`standIn.control`).
 * Probot reaches it with `GHE_HOST=<host>` and `GHE_PROTOCOL=http`.
 */
export class StandIn {
  readonly state: State;
  readonly changes: Changes;
  readonly control: Control;
  readonly faults = new Faults();
  readonly webhooks: WebhookSender;
  readonly requests: RequestRecord[] = [];
  readonly tokens = new Set<string>();
  /** Tokens that act as another bot than the app's (a workflow's `GITHUB_TOKEN`): token → bot login. */
  readonly botTokens = new Map<string, string>();
  urls: Urls = { api: "", web: "" };
  /**
   * Milliseconds every API request takes, as GitHub answers from a cloud region (100–300 ms, its own
   * work included): the request takes effect half-way, and its answer leaves this long after it
   * arrived (later only when the stand-in's own work took longer). Settable at any time; the
   * control API and `/_control` are never delayed.
   */
  latencyMs: number;
  private server: Server | undefined;
  private readonly router = new Router();
  private inFlight = 0;

  private constructor(private readonly options: StandInOptions) {
    const slug = options.slug ?? "convener";
    this.state = new State({ id: options.appId ?? 1, slug, name: "Convener", installationId: options.installationId ?? 1, botLogin: `${slug}[bot]` });
    this.changes = new Changes(this);
    this.control = new Control(this);
    this.webhooks = new WebhookSender(options.webhookSecret, this.state.app.id);
    this.latencyMs = options.latencyMs ?? 0;
    if (options.webhookUrl) this.webhooks.url = options.webhookUrl;
    addAppRoutes(this.router);
    addIssueRoutes(this.router);
    addPullRoutes(this.router);
    addGitRoutes(this.router);
  }

  static async start(options: StandInOptions): Promise<StandIn> {
    const standIn = new StandIn(options);
    githubSchema(); // built once up front (~1 s), not inside the app's first request
    const server = createServer((req, res) => void standIn.handle(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
    standIn.server = server;
    const { port } = server.address() as AddressInfo;
    standIn.urls = { api: `http://127.0.0.1:${port}/api/v3`, web: `http://127.0.0.1:${port}` };
    return standIn;
  }

  /** `127.0.0.1:<port>`, the value of `GHE_HOST`. */
  get host(): string {
    return new URL(this.urls.web).host;
  }

  async close(): Promise<void> {
    await this.webhooks.drain().catch(() => undefined);
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /**
   * A workflow's `GITHUB_TOKEN`: an installation token of GitHub Actions' own app, so its writes are
   * by `github-actions[bot]` (performed via the `github-actions` app), and it cannot call `/app`.
   */
  workflowToken(): string {
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    this.state.addAccount(ACTIONS_APP.botLogin, "Bot");
    this.botTokens.set(token, ACTIONS_APP.botLogin);
    return token;
  }

  /** Requests the app made since `from` (an index in `requests`). */
  requestsSince(from: number): RequestRecord[] {
    return this.requests.slice(from);
  }

  /**
   * Waits until every webhook is answered, no request is in flight, and nothing new happened for
   * `quietMs`: the app has finished reacting (including to its own events).
   */
  /** Set by a harness: true while the app still works on deliveries it has answered. */
  busyProbe?: () => Promise<boolean>;

  async settle(quietMs = 300, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = -1;
    let since = Date.now();
    while (Date.now() < deadline) {
      const count = this.requests.length + this.webhooks.deliveries.length;
      const busy = this.webhooks.busy || this.inFlight > 0;
      if (count !== seen || busy) {
        seen = count;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) {
        // The app may still hold work after answering (a write waiting its turn): ask before calling it quiet.
        if (this.busyProbe && (await this.busyProbe())) {
          since = Date.now();
          continue;
        }
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the stand-in did not settle within ${timeoutMs} ms`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = (req.method ?? "GET").toUpperCase();
    const isApi = url.pathname.startsWith("/api/");
    const path = url.pathname === "/api/graphql" ? "/graphql" : url.pathname.replace(/^\/api\/v3/, "");
    const record: RequestRecord = { method, path, status: 0, ms: 0, at: Date.now(), endAt: 0, write: method !== "GET" && method !== "HEAD" };
    this.inFlight++;
    let reply: RestReply;
    try {
      const text = await readBody(req);
      // Classified before faults and latency: a faulted or slow query is still a read.
      if (path === "/graphql" && method === "POST") {
        const graphql = parseJson(text) as { query?: unknown } | undefined;
        Object.assign(record, describeGraphqlRequest(graphql));
        if (record.write) record.mutations = mutationFieldsOf(String(graphql?.query ?? ""));
      }
      if (url.pathname.startsWith("/_control")) {
        reply = await this.control.handleHttp(method, url, text);
      } else if (!isApi) {
        reply = { status: 404, body: { message: "Not Found" } };
      } else {
        // GitHub answers a round trip after the request left, its own work included: the answer
        // goes out `latencyMs` after the request arrived (later only when the work took longer).
        // Half the round trip passes before the request takes effect, as on the way to GitHub.
        const latency = this.latencyMs;
        const answerAt = started + latency;
        await wait(latency / 2);
        const fault = this.faults.take(method, path, text);
        if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault?.status) {
          record.fault = true;
          reply = { status: fault.status, body: fault.body ?? { message: "Server Error" }, headers: fault.headers ?? {} };
        } else {
          reply = await this.dispatch(method, path, url, req, text);
        }
        await waitUntil(answerAt + (fault?.delayMs ?? 0));
      }
    } catch (error) {
      reply = error instanceof HttpError
        ? { status: error.status, body: { message: error.message, ...error.extra, documentation_url: "https://docs.github.com/rest" } }
        : { status: 500, body: { message: `stand-in error: ${(error as Error).message}` } };
    } finally {
      this.inFlight--;
    }
    record.status = reply.status;
    record.ms = performance.now() - started;
    record.responseBytes = send(res, reply);
    record.endAt = Date.now();
    if (isApi) this.requests.push(record);
  }

  private async dispatch(method: string, path: string, url: URL, req: IncomingMessage, text: string): Promise<RestReply> {
    const actor = this.authenticate(req.headers.authorization, path);
    let body: any = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, "Problems parsing JSON");
      }
    }
    if (path === "/graphql" && method === "POST") {
      if (actor === null) throw new HttpError(403, "Resource not accessible by integration");
      const result = runGraphql({ state: this.state, viewer: actor, webUrl: this.urls.web, changes: this.changes }, body?.query, body?.variables, body?.operationName);
      return { status: 200, body: result };
    }
    const found = this.router.match(method, path);
    if (!found) throw new HttpError(404, `Not implemented by the Convener stand-in: ${method} ${path}`);
    return found.handler({ method, path, params: found.params, query: url.searchParams, body, headers: req.headers, actor, standIn: this });
  }

  /** The bot login for an installation token, `null` for the app's JWT; 401 otherwise, as GitHub. */
  private authenticate(header: string | undefined, path: string): string | null {
    const [scheme, credential] = (header ?? "").split(/\s+/, 2);
    if (/^bearer$/i.test(scheme ?? "") && credential && credential.split(".").length === 3) {
      const problem = verifyAppJwt(credential, this.state.app.id, this.options.publicKey);
      if (problem) throw new HttpError(401, problem);
      if (!path.startsWith("/app")) throw new HttpError(401, "A JSON web token could not be decoded");
      return null;
    }
    if (credential && this.tokens.has(credential)) return this.state.app.botLogin;
    if (credential && this.botTokens.has(credential)) return this.botTokens.get(credential)!;
    throw new HttpError(401, "Bad credentials");
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Until `performance.now()` reaches `at`: a timer may fire a fraction of a millisecond early. */
async function waitUntil(at: number): Promise<void> {
  for (let left = at - performance.now(); left > 0; left = at - performance.now()) await wait(Math.ceil(left));
}

/** The mutation fields of a document (`m0: addComment(input: …)` → `addComment`), in order. */
function mutationFieldsOf(query: string): string[] {
  return [...query.matchAll(/(\w+)\s*\(\s*input\s*:/g)].map((m) => m[1]!);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Sends the reply; returns the body's size in bytes. */
function send(res: ServerResponse, reply: RestReply): number {
  const headers: Record<string, string> = { "x-github-media-type": "github.v3; format=json", "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", ...reply.headers };
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end(reply.raw);
    return Buffer.byteLength(reply.raw);
  } else if (reply.body === undefined || reply.status === 204) {
    res.writeHead(reply.status, headers);
    res.end();
    return 0;
  } else {
    res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers });
    const json = JSON.stringify(reply.body);
    res.end(json);
    return Buffer.byteLength(json);
  }
}
