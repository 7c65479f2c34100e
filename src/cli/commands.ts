import { checkSepsCommand } from "./check-seps.js";

/** Every `convener <command>`; each lives in its own file. Adding a command is one line. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

export const commands: CliCommand[] = [checkSepsCommand];
