import { checkSepsCommand } from "./check-seps.js";
import { configSchemaCommand } from "./config-schema.js";
import { sweepCommand } from "./sweep.js";

/** Every `convener <command>`; each lives in its own file. Adding a command is one line. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

export const commands: CliCommand[] = [checkSepsCommand, configSchemaCommand, sweepCommand];
