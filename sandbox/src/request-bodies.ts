import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./app-process.js";

/**
 * Issue bodies as GitHub renders a submitted issue form: `### <label>` then the answer, `_No response_`
 * for an empty optional field. Built from the forms in `templates/issue-forms/`, so the demo and the
 * e2e suite follow the forms users actually fill in.
 */
export type FormKind = "interest-group" | "working-group";

interface FormYaml {
  labels: string[];
  body: { type: string; id?: string; attributes: { label?: string } }[];
}

function loadForm(kind: FormKind): FormYaml {
  return parse(readFileSync(join(ROOT, "templates", "issue-forms", `${kind}-request.yml`), "utf8")) as FormYaml;
}

/** The labels the form applies (`group-request` plus the kind's label). */
export function formLabels(kind: FormKind): string[] {
  return [...loadForm(kind).labels];
}

/** A submitted form: answers by field id (`group-name`, `tag`, `facilitators`, ...). */
export function formBody(kind: FormKind, answers: Record<string, string>): string {
  return loadForm(kind)
    .body.filter((f) => f.type !== "markdown" && f.id)
    .map((f) => `### ${f.attributes.label}\n\n${answers[f.id!]?.trim() || "_No response_"}`)
    .join("\n\n");
}
