import { runAction } from "./run-action.js";

/** The action's entry (`action.yml` runs the bundle of this file, `dist/index.js`). */
runAction({ env: process.env, write: (text) => void process.stdout.write(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`::error::${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
