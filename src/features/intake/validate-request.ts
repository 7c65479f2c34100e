import { z } from "zod";
import { codeSpan } from "../../core/escape.js";
import { LOGIN_RULE } from "../../core/github-login.js";
import type { RepoRef } from "../../core/plan.js";
import { KIND_NAMES, loadForm, type RequestKind } from "./forms.js";
import { parseHandles } from "./handles.js";
import { parseItemRef } from "./item-ref.js";
import type { ParsedRequest } from "./parse-request.js";

/** What gather learned from GitHub about the names in a request. */
export interface RequestFacts {
  repo: RepoRef;
  /** Lower-case login → whether the account exists; absent when not checked. */
  users: Record<string, boolean>;
  /** Whether the WG's first item exists; absent when not checked. */
  firstItemExists?: boolean;
  /** The folder a `SEP-N` file is looked for in (the SEP check's folder, e.g. `seps/`). */
  sepFolder?: string;
  /** Tags already held, lower case → where (`request #12`, `the registered group "Agents"`). */
  takenTags: Record<string, string>;
  /** Why the requested tag could not be checked against other requests, when it could not. */
  tagUnchecked?: string;
  /** The longest tag the claim label can record (GitHub's 50-character label limit minus the prefix). */
  maxTagLength?: number;
}

export interface Problem {
  /** The form's question, as the requester sees it. */
  field: string;
  message: string;
}

const MAX_BODY = 65_536; // GitHub's own limit for an issue body
const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*-(ig|wg)$/;
const show = (text: string) => codeSpan(text);

const answers = z.object({
  "group-name": z.string().max(80, "must be at most 80 characters").optional(),
  tag: z.string().max(60, "must be at most 60 characters").optional(),
});

/** Every problem of a request, by field, each saying what is allowed. Pure. */
export function validateRequest(request: ParsedRequest, bodyLength: number, facts: RequestFacts): Problem[] {
  const form = request.form ?? loadForm(request.kind);
  const label = (id: string) => form.fields.find((f) => f.id === id)?.label ?? id;
  const problems: Problem[] = [];
  const add = (id: string, message: string) => problems.push({ field: label(id), message });

  if (bodyLength > MAX_BODY) {
    problems.push({ field: "Request", message: `the description is ${bodyLength} characters; GitHub allows ${MAX_BODY}. Shorten the answers.` });
  }
  if (request.knownHeadings === 0) {
    problems.push({
      field: "Request",
      message: `the description does not follow the ${KIND_NAMES[request.kind]} request form: none of its questions (${form.fields
        .map((f) => `"${f.label}"`)
        .join(", ")}) appear as \`###\` headings. Open the request from the issue form, or restore the headings.`,
    });
  }
  for (const u of request.unknownHeadings) {
    problems.push({
      field: "Request",
      message: `line ${u.line}: the section ${show(u.heading)} is not part of the form, so its text is not read. Move it under one of the form's questions.`,
    });
  }
  for (const field of form.fields) {
    if (field.required && !request.fields[field.id]) add(field.id, "is required but empty.");
  }
  const shape = answers.safeParse(request.fields);
  if (!shape.success) for (const issue of shape.error.issues) add(String(issue.path[0]), `${issue.message}.`);

  checkTag(request, facts, add);
  checkPeople(request, "facilitators", facts, add, true);
  checkPeople(request, "maintainers", facts, add, false);
  if (request.kind === "wg") checkFirstItem(request, facts, add);
  return problems;
}

type Add = (id: string, message: string) => void;

function checkTag(request: ParsedRequest, facts: RequestFacts, add: Add): void {
  const raw = request.fields.tag;
  if (!raw) return;
  const tag = raw.trim().replace(/^`|`$/g, "").replace(/^#/, "");
  const suffix = request.kind;
  if (!TAG.test(tag)) {
    const hint = TAG.test(tag.toLowerCase()) ? " in lower case" : "";
    add("tag", `${show(tag)} is not a channel tag: write \`<name>-${suffix}\`${hint}, letters, digits and single hyphens (e.g. \`${suffix === "ig" ? "auth-ig" : "agents-wg"}\`).`);
    return;
  }
  if (!tag.endsWith(`-${suffix}`)) {
    add("tag", `${show(tag)} ends in \`-${tag.slice(-2)}\`, but this is a ${KIND_NAMES[request.kind]} request: the tag must end in \`-${suffix}\`.`);
    return;
  }
  if (facts.maxTagLength !== undefined && tag.length > facts.maxTagLength) {
    add("tag", `${show(tag)} is ${tag.length} characters; a channel tag may be at most ${facts.maxTagLength}.`);
    return;
  }
  const holder = facts.takenTags[tag];
  if (holder) add("tag", `${show(tag)} is already used by ${holder}. Choose another name.`);
  else if (facts.tagUnchecked) add("tag", `Convener could not check whether ${show(tag)} is free: ${facts.tagUnchecked}. A maintainer should check by hand.`);
}

function checkPeople(request: ParsedRequest, id: "facilitators" | "maintainers", facts: RequestFacts, add: Add, required: boolean): void {
  const text = request.fields[id];
  if (!text) return;
  const list = parseHandles(text);
  for (const bad of list.invalid) {
    // The entry, and the token in it when the entry says more (`Zoë (@zoë-müller)`: `@zoë-müller`).
    const entry = bad.token && bad.token !== bad.entry ? `${show(bad.entry)}: ${show(bad.token)}` : show(bad.entry);
    if (bad.reason === "team") add(id, `${entry} is a team; name each person by their own GitHub handle (\`@handle\`).`);
    else if (bad.reason === "several") add(id, `${entry} names several handles on one line; write one person per line.`);
    else if (bad.reason === "email") add(id, `${entry} is an email address, not a GitHub handle; write the person's \`@handle\` (e.g. \`Ada Lovelace (@ada)\`).`);
    else if (bad.reason === "bad-handle") add(id, `${entry} is not a valid GitHub handle: ${bad.why}. A handle has ${LOGIN_RULE}.`);
    else add(id, `${entry} has no GitHub handle; write it as \`@handle\` (e.g. \`Ada Lovelace (@ada)\`).`);
  }
  if (required && list.handles.length === 0 && list.invalid.length === 0) add(id, "must name at least one person by GitHub handle (`@handle`).");
  for (const handle of list.handles) {
    if (facts.users[handle.toLowerCase()] === false) add(id, `${show("@" + handle)} is not a GitHub user (misspelt, renamed or deleted).`);
  }
}

function checkFirstItem(request: ParsedRequest, facts: RequestFacts, add: Add): void {
  const text = request.fields["first-item"];
  if (!text) return;
  const ref = parseItemRef(text, facts.repo);
  const repo = `${facts.repo.owner}/${facts.repo.repo}`;
  if (!ref.ok && ref.reason === "other-repo") {
    add("first-item", `${show(text)} is in ${show(ref.repo ?? "")}; name an issue, PR or SEP of ${show(repo)}.`);
  } else if (!ref.ok) {
    add("first-item", `${show(text)} is not a reference: write \`#123\`, \`SEP-123\`, or the URL of an issue or pull request in ${show(repo)}.`);
  } else if (facts.firstItemExists === false && ref.sep) {
    add("first-item", `SEP-${ref.number} has no SEP file (${show(`${facts.sepFolder ?? "seps/"}${ref.number}-….md`)} on the default branch) and no issue or pull request #${ref.number} in ${show(repo)}.`);
  } else if (facts.firstItemExists === false) {
    add("first-item", `#${ref.number} does not exist in ${show(repo)}.`);
  }
}

/** The tag a request asks for, normalised, or null when it has none that could be valid. */
export function requestedTag(request: { fields: Record<string, string> }): string | null {
  const tag = request.fields.tag?.trim().replace(/^`|`$/g, "").replace(/^#/, "").toLowerCase();
  return tag && TAG.test(tag) ? tag : null;
}

/** The tag a request claims: a valid tag of the request's own kind, or null. */
export function claimableTag(request: ParsedRequest | null): string | null {
  const tag = request ? requestedTag(request) : null;
  return tag !== null && tag.endsWith(`-${request!.kind}`) ? tag : null;
}

export function kindFromTag(tag: string | undefined): RequestKind | null {
  const m = /-(ig|wg)`?\s*$/i.exec(tag ?? "");
  return m ? (m[1]!.toLowerCase() as RequestKind) : null;
}
