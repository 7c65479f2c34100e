import type { SepsConfig } from "./config.js";

/** True for `<path>*.md` directly in the SEP folder, except the README and template. */
export function isSepPath(path: string, config: SepsConfig): boolean {
  if (!path.startsWith(config.path)) return false;
  const rest = path.slice(config.path.length);
  return !rest.includes("/") && rest.toLowerCase().endsWith(".md") && !config.ignoreFiles.includes(rest);
}
