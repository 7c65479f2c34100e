import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: this file is `lib/action/bundle.js` once built. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where `action.yml` points (`runs.main`). */
export const BUNDLE_FILE = join(ROOT, "dist", "index.js");

/**
 * Bundles the action's entry and every dependency into one ES module, as actions ship (a runner
 * does not `npm install`). Built from the compiled `lib/` so the bundle is exactly what the server
 * runs; `require` is provided for the CommonJS dependencies inside the bundle. Deterministic: the
 * same sources give the same bytes, which is how a test checks the committed bundle is current.
 */
export async function bundleAction(outfile: string = BUNDLE_FILE): Promise<void> {
  await build({
    entryPoints: [join(ROOT, "lib", "action", "main.js")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    legalComments: "none",
    logLevel: "warning",
    banner: { js: 'import { createRequire as __convenerRequire } from "node:module"; const require = __convenerRequire(import.meta.url);' },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleAction(process.argv[2] ?? BUNDLE_FILE);
}
