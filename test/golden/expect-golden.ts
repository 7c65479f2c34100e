import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@jest/globals";
import { renderTemplate } from "../../src/core/templates.js";

/**
 * Golden files: every message template rendered with a fixed view and compared to a reviewed copy
 * in `test/golden/<name>.md`, so a wording change shows up as a diff in review.
 *
 * New or changed on purpose: `UPDATE_GOLDEN=1 npm test -- <test file>`, read the written file by
 * eye, commit it. Without UPDATE_GOLDEN a missing or different file fails the test.
 */
export const GOLDEN_DIR = dirname(fileURLToPath(import.meta.url));

export interface GoldenOptions {
  /** Where golden files live (tests of the harness use a temporary folder). */
  dir?: string;
  /** Defaults to `UPDATE_GOLDEN=1` in the environment. */
  update?: boolean;
}

export function expectGolden(name: string, actual: string, options: GoldenOptions = {}): void {
  const file = join(options.dir ?? GOLDEN_DIR, `${name}.md`);
  const update = options.update ?? process.env.UPDATE_GOLDEN === "1";
  const shown = relative(process.cwd(), file);
  if (update) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`golden file ${shown} is missing: run \`UPDATE_GOLDEN=1 npm test -- <this test file>\`, review it by eye and commit it`);
  }
  const expected = readFileSync(file, "utf8");
  if (actual === expected) return;
  try {
    expect(actual).toBe(expected);
  } catch (error) {
    (error as Error).message = `${shown} differs from the rendered message. If the change is intended, run \`UPDATE_GOLDEN=1 npm test -- <this test file>\` and review the diff.\n\n${(error as Error).message}`;
    throw error;
  }
}

/** Renders `templates/messages/<template>.md` with `view` and compares it to `test/golden/<name>.md`. */
export function expectTemplateGolden(template: string, view: object, name: string = template, options: GoldenOptions = {}): string {
  const text = renderTemplate(template, view);
  expectGolden(name, text, options);
  return text;
}
