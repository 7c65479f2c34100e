import { parseIssue } from "@github/issue-parser";
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

  const parsed = parseIssue(kept, form.yaml) as Record<string, unknown>;
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
