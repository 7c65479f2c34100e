import type { ParsedSep, SepField } from "../parse-sep.js";
import type { SepsConfig } from "../config.js";
import { canonicalFieldName } from "../sep-fields.js";
import { error, quote, warning, type Finding } from "../finding.js";

const TEMPLATE_FORM = (name: string) => `\`- **${name}**: value\``;

/** The canonical name of a field under this configuration (configured names count as known). */
export function knownName(field: SepField, config: SepsConfig): string | null {
  return canonicalFieldName(field.name, [...config.requiredFields, ...config.optionalFields]);
}

/**
 * Header presence and form: required fields, duplicates, unknown fields, and the tolerated
 * variants (table, bold lines without a list, colon inside the bold, alias names) as warnings
 * that name the template's form.
 */
export function checkFields(sep: ParsedSep, config: SepsConfig): Finding[] {
  const found: Finding[] = [];
  const headerLine = sep.headerLine || sep.heading.line;
  if (sep.fields.length === 0) {
    return [error("header", headerLine, `No header found under the title: start with a list of fields, ${TEMPLATE_FORM("Status")}, ${TEMPLATE_FORM("Type")}, … as in the SEP template.`)];
  }
  if (sep.headerFormat === "table" || sep.headerFormat === "paragraph" || sep.headerFormat === "mixed") {
    const what = { table: "a table", paragraph: "bold lines without list markers", mixed: "a mix of a list and other forms" }[sep.headerFormat];
    found.push(warning("header-format", sep.headerLine, `The header is written as ${what}; the template uses a bullet list, one ${TEMPLATE_FORM("Field")} per line.`));
  }

  const seen = new Map<string, SepField>();
  const colonInside: SepField[] = [];
  for (const field of sep.fields) {
    const canonical = knownName(field, config);
    if (canonical === "SEP" || canonical === "Title") {
      found.push(warning("field-redundant", field.line, `${quote(field.name)} is not a header field: the number and title belong in the H1, \`# SEP-{N}: {Title}\`.`));
      continue;
    }
    if (canonical === null) {
      const known = [...config.requiredFields, ...config.optionalFields].join(", ");
      found.push(warning("field-unknown", field.line, `Unknown header field ${quote(field.name)}; known fields are ${known}.`));
      continue;
    }
    const key = canonical.toLowerCase();
    const first = seen.get(key);
    if (first) {
      found.push(error("field-duplicate", field.line, `${canonical} is given twice (first on line ${first.line}); keep one.`));
      continue;
    }
    seen.set(key, field);
    if (field.variants.includes("colon-inside-bold")) colonInside.push(field);
    if (canonical !== field.name) {
      found.push(warning("field-name", field.line, `Write the field name as ${quote(canonical)}, not ${quote(field.name)}.`));
    }
  }
  // One warning for the form, at its first line: six identical warnings would bury the real ones.
  const firstColon = colonInside[0];
  if (firstColon) {
    const names = colonInside.map((f) => quote(f.name)).join(", ");
    found.push(warning("field-form", firstColon.line, `Put the colon after the bold, \`**Status**: Draft\`, not inside it (\`**Status:** Draft\`): ${names}.`));
  }
  for (const name of config.requiredFields) {
    if (!seen.has(name.toLowerCase())) {
      found.push(error("field-required", headerLine, `The header has no ${name} field; add ${TEMPLATE_FORM(name)}.`));
    }
  }
  return found;
}
