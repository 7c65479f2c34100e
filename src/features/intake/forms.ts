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
    const fields = Object.entries(parseTemplate(yaml)).map(([id, f]) => ({
      id,
      label: (f as { label: string }).label,
      required: Boolean((f as { required?: boolean }).required),
    }));
    form = { kind, yaml, fields };
    forms.set(kind, form);
  }
  return form;
}

export const KIND_NAMES: Record<RequestKind, string> = { ig: "Interest Group", wg: "Working Group" };
