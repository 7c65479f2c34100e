import { parseIssue } from "@github/issue-parser";
import { parse as parseYaml } from "yaml";
import { readHeadingTexts, scanOutline } from "../../core/markdown-outline.js";
import { loadForm, type RequestForm, type RequestKind } from "./forms.js";

export interface UnknownHeading {
  heading: string;
  line: number;
}

export interface ParsedRequest {
  kind: RequestKind;
  /** Answers by form field id; empty answers and GitHub's `_No response_` are absent. */
  fields: Record<string, string>;
  /** `###` headings that are not questions of the form (their text is not read into any field). */
  unknownHeadings: UnknownHeading[];
  /** How many of the form's questions appear as headings. */
  knownHeadings: number;
  /** The form it was read against (absent: the bundled form of its kind). */
  form?: RequestForm;
}

const MAX_BODY = 65_536;
const NO_RESPONSE = /^_?no response_?$/i;

/**
 * Reads an issue-form body against the form of its kind. The parser swallows an unknown `###`
 * heading into the previous answer, so unknown sections are found first (the document's outline)
 * and cut out: they are reported, never silently read as part of an answer.
 */
export function parseRequest(fullBody: string, kind: RequestKind, form: RequestForm = loadForm(kind)): ParsedRequest {
  // GitHub stores at most 65,536 characters; validateRequest reports a longer body by its length.
  const body = fullBody.length > MAX_BODY ? fullBody.slice(0, MAX_BODY) : fullBody;
  const labels = new Set(form.fields.map((f) => normalise(f.label)));
  // The form's questions are `###` headings: the outline finds them in one pass over the lines
  // (outside code fences), so a hostile answer (a table of thousands of rows) is never parsed.
  const outline = scanOutline(body).filter((h) => h.depth === 3 && !h.html);
  const texts = readHeadingTexts(outline);
  const headings = outline.map((h, i) => ({ text: texts[i]!, start: h.offset, line: h.line }));

  const known = headings.map((h) => labels.has(normalise(h.text)));
  // Where the next question's heading starts after each heading: one pass from the end, so a body
  // of thousands of headings costs no more than its length.
  const nextKnownStart: number[] = [];
  for (let i = headings.length - 1, next = body.length; i >= 0; i--) {
    nextKnownStart[i] = next;
    if (known[i]) next = headings[i]!.start;
  }

  const unknownHeadings: UnknownHeading[] = [];
  const keptParts: string[] = [];
  let cursor = 0;
  headings.forEach((h, i) => {
    if (known[i]) return;
    unknownHeadings.push({ heading: h.text, line: h.line });
    keptParts.push(body.slice(cursor, h.start));
    cursor = Math.max(cursor, nextKnownStart[i]!);
  });
  keptParts.push(body.slice(cursor));
  const kept = keptParts.join("");

  const parsed = parseIssue(kept, parserTemplateOf(form.yaml)) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const field of form.fields) {
    const value = parsed[field.id];
    const text = typeof value === "string" ? value.trim() : Array.isArray(value) ? value.join("\n").trim() : "";
    if (text && !NO_RESPONSE.test(text)) fields[field.id] = text;
    // The parser reads a typed "None" as no answer; for "similar groups" it is a real answer.
    else if (value === undefined && rawAnswer(body, headings, field.label) === "none") fields[field.id] = "None";
  }
  const knownHeadings = known.filter(Boolean).length;
  return { kind, fields, unknownHeadings, knownHeadings, form };
}

const parserTemplates = new Map<string, string>();
const PARSER_TEMPLATES_KEPT = 16;

/**
 * The form as the parser needs it: its questions without the prose (markdown blocks, descriptions,
 * placeholders, default values), as JSON. The parser reads its template anew on every call, and a
 * full form costs it milliseconds of YAML parsing per request; the questions alone, a fraction.
 * Made once per form text; a form `yaml` cannot read is handed over as it is.
 */
function parserTemplateOf(formYaml: string): string {
  let template = parserTemplates.get(formYaml);
  if (template === undefined) {
    template = slimTemplate(formYaml);
    if (parserTemplates.size >= PARSER_TEMPLATES_KEPT) parserTemplates.delete(parserTemplates.keys().next().value!);
    parserTemplates.set(formYaml, template);
  }
  return template;
}

function slimTemplate(formYaml: string): string {
  try {
    const form = parseYaml(formYaml) as { body?: unknown };
    if (!Array.isArray(form?.body)) return formYaml;
    const body = form.body
      .filter((item) => item && typeof item === "object" && item.type !== "markdown")
      .map(({ attributes, ...item }) => {
        const { description: _d, placeholder: _p, value: _v, ...kept } = (attributes ?? {}) as Record<string, unknown>;
        return { ...item, attributes: kept };
      });
    return JSON.stringify({ body });
  } catch {
    return formYaml;
  }
}

function normalise(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

function rawAnswer(body: string, headings: { text: string; start: number }[], label: string): string {
  const i = headings.findIndex((h) => normalise(h.text) === normalise(label));
  if (i < 0) return "";
  const from = body.indexOf("\n", headings[i]!.start);
  const to = headings[i + 1]?.start ?? body.length;
  return from < 0 || from > to ? "" : body.slice(from, to).trim().toLowerCase();
}
