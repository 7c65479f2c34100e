import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTemplate } from "@github/issue-parser";
import { TEMPLATES_DIR } from "../../core/templates.js";

/** The two request kinds and the issue forms that produce them (`templates/issue-forms/`). */
export type RequestKind = "ig" | "wg";

export interface FormField {
  id: string;
  label: string;
  required: boolean;
}

export interface RequestForm {
  kind: RequestKind;
  yaml: string;
  fields: FormField[];
  /** Where the form comes from: `.github/ISSUE_TEMPLATE/<file>` (the repository's) or the bundled file. */
  source: string;
}

const FILES: Record<RequestKind, string> = {
  ig: "interest-group-request.yml",
  wg: "working-group-request.yml",
};

const forms = new Map<RequestKind, RequestForm>();

export function loadForm(kind: RequestKind): RequestForm {
  let form = forms.get(kind);
  if (!form) {
    const yaml = readFileSync(join(TEMPLATES_DIR, "issue-forms", FILES[kind]), "utf8");
    form = { kind, yaml, fields: readFormFields(yaml), source: `templates/issue-forms/${FILES[kind]}` };
    forms.set(kind, form);
  }
  return form;
}

/** The questions of an issue form (its YAML), by id; throws on a form the parser cannot read. */
export function readFormFields(yaml: string): FormField[] {
  return Object.entries(parseTemplate(yaml)).map(([id, f]) => ({
    id,
    label: (f as { label: string }).label,
    required: Boolean((f as { required?: boolean }).required),
  }));
}

/** The two forms a request is read against. */
export interface FormSet {
  ig: RequestForm;
  wg: RequestForm;
}

/** The bundled forms (one object, so a caller can tell whether the forms changed by identity). */
let bundled: FormSet | undefined;
export function bundledForms(): FormSet {
  bundled ??= { ig: loadForm("ig"), wg: loadForm("wg") };
  return bundled;
}

/**
 * The fields intake's rules read, by kind, with what each is needed for: a repository's form without
 * one of them is reported (see repo-forms.ts), as its requests can never pass.
 */
export const NEEDED_FIELDS: Record<RequestKind, Record<string, string>> = {
  ig: {
    "group-name": "the group's name (its length is checked)",
    tag: "the channel tag (its shape and kind, and that no other group or request holds it)",
    facilitators: "the facilitators (at least one GitHub handle, each checked to be a user)",
  },
  wg: {
    "group-name": "the group's name (its length is checked)",
    tag: "the channel tag (its shape and kind, and that no other group or request holds it)",
    facilitators: "the facilitators (at least one GitHub handle, each checked to be a user)",
    "first-item": "the Working Group's first issue, pull request or SEP (checked to exist)",
  },
};

export const KIND_NAMES: Record<RequestKind, string> = { ig: "Interest Group", wg: "Working Group" };
