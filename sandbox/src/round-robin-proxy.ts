import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * A small load balancer for the replicas tests and the bench: each request goes to the next
 * target in turn (the webhook path and every other route alike). A target that refuses the
 * connection (a replica killed) is skipped, as a load balancer's health check would; a request
 * already sent to a target that dies mid-answer fails (502), as it would behind a real one.
 */
export interface RoundRobinProxy {
  url: string;
  port: number;
  /** The origins (`http://127.0.0.1:<port>`) requests are spread over; may be changed at any time. */
  targets: string[];
  /** How many requests each target was sent (by origin). */
  sent: Map<string, number>;
  close: () => Promise<void>;
}

export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const proxy: RoundRobinProxy = { url: "", port: 0, targets: [...targets], sent: new Map(), close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void forward(req, Buffer.concat(chunks), res, proxy.targets.length));
  });
  const forward = async (req: IncomingMessage, body: Buffer, res: ServerResponse, triesLeft: number): Promise<void> => {
    if (proxy.targets.length === 0 || triesLeft <= 0) return void reply(res, 502, "no replica answered\n");
    const origin = proxy.targets[next++ % proxy.targets.length]!;
    const target = new URL(req.url ?? "/", origin);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      proxy.sent.set(origin, (proxy.sent.get(origin) ?? 0) + 1);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      // Refused before anything was sent: another replica takes it. Anything else: the answer is lost.
      if (error.code === "ECONNREFUSED" && !res.headersSent) void forward(req, body, res, triesLeft - 1);
      else if (!res.headersSent) reply(res, 502, `replica failed: ${error.message}\n`);
      else res.destroy();
    });
    upstream.end(body);
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.port = (server.address() as { port: number }).port;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  proxy.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return proxy;
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(text);
}
