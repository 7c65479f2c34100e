import { Writable } from "node:stream";
import { pino, type Logger } from "pino";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger at info level writing into memory: tests read the app's log lines as parsed JSON. */
export function createMemoryLog(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: pino({ level: "info" }, sink), lines };
}
