import { parse } from "yaml";
import type { RepoRef } from "../../core/plan.js";
import { hasLabel } from "../../core/labels.js";
import { knownHeadCommit, onPushedHead, onRegistryCacheClear, repoKey } from "../../registry/registry-cache.js";
import { bundledForms, NEEDED_FIELDS, readFormFields, type FormSet, type RequestForm, type RequestKind } from "./forms.js";

/**
 * The community's own request forms: the issue forms the repository ships in `.github/ISSUE_TEMPLATE/`,
 * so a community that renames a question or adds one never drifts from the parser. They are read in
 * the intake query itself (no request of their own) only when the cache does not hold them for the
 * default branch's current head, and kept per repository by that commit, like the group registry; a
 * push that does not touch the folder carries them forward to its new head. A repository without a
 * group-request form (or without one of the two kinds) uses the bundled form of that kind.
 */
export const FORMS_FOLDER = ".github/ISSUE_TEMPLATE";

/** Added to the intake query when the forms are not known for the current head. */
export const FORMS_FIELD = `forms: object(expression: "HEAD:${FORMS_FOLDER}") { ... on Tree { entries { name type object { ... on Blob { text } } } } }`;

export interface FormsTree {
  entries?: { name: string; type: string; object?: { text?: string | null } | null }[] | null;
}

/** A repository form's problem: which file, which field id, what intake needs it for. */
export interface FormProblem {
  path: string;
  field: string;
  message: string;
}

export interface RepoForms {
  forms: FormSet;
  problems: FormProblem[];
}

interface Labels {
  request: string;
  interestGroup: string;
  workingGroup: string;
}

/** Issue forms larger than this are not read (GitHub's own forms are a few kilobytes). */
const MAX_FORM_BYTES = 100_000;

/**
 * The group-request forms among the folder's files: a form whose `labels` include the request label,
 * and the Interest Group or Working Group label for its kind (the first file by name wins a kind).
 * Pure: what it cannot read is returned as a problem, never thrown.
 */
export function readRepoForms(tree: FormsTree | null | undefined, labels: Labels): RepoForms {
  const found: Partial<Record<RequestKind, RequestForm>> = {};
  const problems: FormProblem[] = [];
  const files = (tree?.entries ?? [])
    .filter((e) => e.type === "blob" && /\.ya?ml$/i.test(e.name) && !/^config\.ya?ml$/i.test(e.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of files) {
    const text = entry.object?.text;
    const path = `${FORMS_FOLDER}/${entry.name}`;
    if (typeof text !== "string" || text.length > MAX_FORM_BYTES) continue;
    let formLabels: string[];
    try {
      formLabels = readLabels(parse(text));
    } catch {
      continue; // not a form Convener could read; GitHub shows its own error for a broken form
    }
    if (!hasLabel(formLabels, labels.request)) continue;
    const ig = hasLabel(formLabels, labels.interestGroup);
    const wg = hasLabel(formLabels, labels.workingGroup);
    if (ig === wg) {
      problems.push({ path, field: "labels", message: `applies \`${labels.request}\` but ${ig ? "both" : "neither"} of \`${labels.interestGroup}\` and \`${labels.workingGroup}\`, so Convener cannot tell which kind of group it requests; it is not used` });
      continue;
    }
    const kind: RequestKind = ig ? "ig" : "wg";
    if (found[kind]) continue;
    let fields;
    try {
      fields = readFormFields(text);
    } catch (error) {
      problems.push({ path, field: "body", message: `could not be read as an issue form (${error instanceof Error ? error.message : String(error)}); the bundled form is used` });
      continue;
    }
    found[kind] = { kind, yaml: text, fields, source: path };
    for (const [id, purpose] of Object.entries(NEEDED_FIELDS[kind])) {
      if (!fields.some((f) => f.id === id)) {
        problems.push({ path, field: id, message: `has no field with \`id: ${id}\`, which intake needs for ${purpose}; requests made with it are reported as missing it` });
      }
    }
  }
  const bundled = bundledForms();
  const forms = found.ig || found.wg ? { ig: found.ig ?? bundled.ig, wg: found.wg ?? bundled.wg } : bundled;
  return { forms, problems };
}

/** `labels:` of an issue form: a list, or one comma-separated string (GitHub accepts both). */
function readLabels(form: unknown): string[] {
  const labels = (form as { labels?: unknown } | null)?.labels;
  if (Array.isArray(labels)) return labels.filter((l): l is string => typeof l === "string").map((l) => l.trim());
  if (typeof labels === "string") return labels.split(",").map((l) => l.trim()).filter(Boolean);
  return [];
}

const MAX_REPOSITORIES = 200;
const cache = new Map<string, { commit: string; forms: FormSet }>();

onRegistryCacheClear(() => cache.clear());
// A push that did not touch the forms folder leaves the forms as they were: they stay current at its head.
onPushedHead((repo, before, after, paths) => {
  const entry = cache.get(repoKey(repo));
  if (!entry || entry.commit !== before) return;
  if (paths.some((p) => p === FORMS_FOLDER || p.startsWith(`${FORMS_FOLDER}/`))) return;
  cache.set(repoKey(repo), { ...entry, commit: after });
});

/** Whether the cached forms were read at the default branch's head as known in the last `maxAgeMs`. */
export function hasCurrentForms(repo: RepoRef, maxAgeMs: number): boolean {
  const head = knownHeadCommit(repo, maxAgeMs);
  return head !== undefined && cache.get(repoKey(repo))?.commit === head;
}

/** The forms to read a request against: the repository's as last read, else the bundled ones. */
export function formsFor(repo: RepoRef): FormSet {
  return cache.get(repoKey(repo))?.forms ?? bundledForms();
}

/**
 * Keeps the forms read at `commit`. Returns whether they were new for this process (not already
 * known at another commit with the same texts), so their problems are reported once per change.
 */
export function storeForms(repo: RepoRef, commit: string, read: RepoForms): boolean {
  const key = repoKey(repo);
  const previous = cache.get(key);
  const same = previous !== undefined && sameForms(previous.forms, read.forms);
  const forms = same ? previous.forms : read.forms; // identity kept: an unchanged form set is not re-parsed against
  cache.delete(key);
  cache.set(key, { commit: commit.toLowerCase(), forms });
  while (cache.size > MAX_REPOSITORIES) cache.delete(cache.keys().next().value!);
  return !same;
}

function sameForms(a: FormSet, b: FormSet): boolean {
  return a.ig.source === b.ig.source && a.ig.yaml === b.ig.yaml && a.wg.source === b.wg.source && a.wg.yaml === b.wg.yaml;
}
