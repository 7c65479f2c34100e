#!/usr/bin/env node
import { commands } from "./commands.js";

/** `convener <command> [args]`: the offline tools and the sweep runner. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const list = commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join("\n");
    process.stderr.write(`usage: convener <command> [options]\n\ncommands:\n${list}\n`);
    return name === undefined || name === "--help" || name === "help" ? 0 : 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`convener: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
