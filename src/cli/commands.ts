/** Every `convener <command>`; each lives in its own file. Adding a command is one line. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/**
 * A command whose module is imported only when it runs: `check-seps` then loads the SEP rules and
 * the markdown parser, not Probot and every feature (the sweep's), which cost more than the check.
 */
function lazy(name: string, summary: string, load: () => Promise<{ runCommand: CliCommand["run"] }>): CliCommand {
  return { name, summary, run: async (args) => (await load()).runCommand(args) };
}

export const commands: CliCommand[] = [
  lazy("check-seps", "check SEP files locally with the SEP metadata rules (exit 1 on errors)", () => import("./check-seps.js")),
  lazy("export-page", "write the governance page as static files (--out DIR) for GitHub Pages", () => import("./export-page.js")),
  lazy("config-schema", "print (or --write) the JSON Schema of .github/convener.yml", () => import("./config-schema.js")),
  lazy("sweep", "run the timed work (vote deadlines, retirement) once; --confirm to write", () => import("./sweep.js")),
];
