import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import Mustache from "mustache";
import { escapeUserText } from "./escape.js";

/**
 * Every message the app writes is a mustache template in `templates/messages/`. `{{value}}` is
 * escaped as user text (no mentions, no HTML, no markers); `{{{value}}}` is for text the app built
 * itself. Logic-less on purpose: decisions stay in code, wording stays in the template.
 */
export const TEMPLATES_DIR = findTemplatesDir(dirname(fileURLToPath(import.meta.url)));

/** `templates/` at the project root: two levels up from `lib/core/` (and `src/core/`), one from the action's bundle in `dist/`. */
function findTemplatesDir(here: string): string {
  const fromModule = join(here, "..", "..", "templates");
  const fromBundle = join(here, "..", "templates");
  return existsSync(fromModule) || !existsSync(fromBundle) ? fromModule : fromBundle;
}

const cache = new Map<string, string>();

export function loadTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(TEMPLATES_DIR, "messages", `${name}.md`), "utf8");
    cache.set(name, text);
  }
  return text;
}

export function renderTemplate(name: string, view: object): string {
  return renderText(loadTemplate(name), view, (partial) => loadTemplate(partial));
}

export function renderText(template: string, view: object, partials?: (name: string) => string): string {
  const previous = Mustache.escape;
  Mustache.escape = (value: unknown) => escapeUserText(String(value), 10_000);
  try {
    return Mustache.render(template, view, partials).replace(/\n{3,}/g, "\n\n").trim() + "\n";
  } finally {
    Mustache.escape = previous;
  }
}
