import { connect } from "node:net";

/** Builds a RESP command (an array of bulk strings), as Redis reads it. */
function encodeCommand(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join("")}`;
}

/**
 * Asks the Redis at `url` (`redis://[user:password@]host[:port]`) for PONG over one plain TCP
 * connection, authenticating first when the URL carries a password. Resolves when Redis answers
 * PONG, rejects with why otherwise. The readiness check's only use of Redis: the lead may point
 * `pingRedis` (see ready-route.ts) at the shared Redis client instead.
 */
export function pingRedis(url: string, timeoutMs = 2000): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== "redis:") return Promise.reject(new Error(`unsupported Redis URL scheme ${parsed.protocol} (only redis:)`));
  const password = decodeURIComponent(parsed.password);
  const user = decodeURIComponent(parsed.username);
  const commands = (password ? encodeCommand("AUTH", ...(user ? [user] : []), password) : "") + encodeCommand("PING");
  const expected = password ? 2 : 1;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: parsed.hostname || "127.0.0.1", port: Number(parsed.port || 6379) });
    let answer = "";
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once("connect", () => socket.write(commands));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      const lines = answer.split("\r\n").filter((l) => l !== "");
      const error = lines.find((l) => l.startsWith("-"));
      if (error) return finish(new Error(`Redis answered ${error.slice(1, 200)}`));
      if (lines.length >= expected) return lines[expected - 1] === "+PONG" ? finish() : finish(new Error(`Redis answered ${lines[expected - 1]!.slice(0, 200)}`));
    });
    socket.once("error", (error) => finish(error));
  });
}
