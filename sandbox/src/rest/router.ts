import type { IncomingHttpHeaders } from "node:http";
import type { StandIn } from "../stand-in.js";

/** What a REST handler gets: the route's parameters, query, parsed JSON body, and who is calling. */
export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  headers: IncomingHttpHeaders;
  /** The bot login for the app's installation token, `null` for the app's JWT. */
  actor: string | null;
  standIn: StandIn;
}

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is (e.g. a raw file), not as JSON. */
  raw?: string;
}

export type RestHandler = (req: RestRequest) => RestReply | Promise<RestReply>;

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RestHandler;
}

/** A tiny router over GitHub's path templates (`/repos/{owner}/{repo}/issues/{issue_number}`). */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: RestHandler): this {
    const names: string[] = [];
    const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    const source = template
      .split(/(\{\+?\w+\})/)
      .map((part) => {
        const m = /^\{(\+?)(\w+)\}$/.exec(part);
        if (!m) return escape(part);
        names.push(m[2]!);
        return m[1] ? "(.+)" : "([^/]+)";
      })
      .join("");
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(method: string, path: string): { handler: RestHandler; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { handler: route.handler, params };
    }
    return null;
  }
}

/** GitHub's page-based pagination with a `Link` header (per_page at most 100, default 30). */
export function paginate<T>(req: RestRequest, items: T[]): RestReply {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get("per_page")) || 30));
  const page = Math.max(1, Number(req.query.get("page")) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const url = (p: number) => {
    const q = new URLSearchParams(req.query);
    q.set("per_page", String(perPage));
    q.set("page", String(p));
    return `<${req.standIn.urls.api}${req.path}?${q}>`;
  };
  if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
  if (page > 1) links.push(`${url(1)}; rel="first"`, `${url(page - 1)}; rel="prev"`);
  return { status: 200, body, headers: links.length ? { link: links.join(", ") } : {} };
}

export const ok = (body: unknown, status = 200): RestReply => ({ status, body });
