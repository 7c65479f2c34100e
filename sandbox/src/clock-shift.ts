/**
 * Preloaded into the demo's Convener process (`node --import`), never in production: a time machine.
 * On SIGUSR2 it reads a number of milliseconds from the file named by `CONVENER_CLOCK_FILE` and from
 * then on `Date.now()` and `new Date()` run that far ahead, so a 72-hour vote can end during a demo.
 */
import { readFileSync } from "node:fs";

const RealDate = Date;
let offset = 0;

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...(args as [string | number | Date]));
  }

  static override now(): number {
    return RealDate.now() + offset;
  }
}

const file = process.env.CONVENER_CLOCK_FILE;
if (file) {
  globalThis.Date = ShiftedDate as DateConstructor;
  const readOffset = () => {
    const value = Number(readFileSync(file, "utf8").trim());
    if (Number.isFinite(value)) offset = value;
  };
  // Read at load too: a short-lived process (the Actions entry, started per event) starts already shifted.
  readOffset();
  process.on("SIGUSR2", readOffset);
}
