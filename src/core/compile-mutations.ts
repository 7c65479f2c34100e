import type { Action, CheckAnnotation, IssueRef, RepoRef } from "./plan.js";

/**
 * Turns a plan's actions into GraphQL mutation fields, so the writes of one event go out as one
 * document (one request): `m0: addComment(input: $m0) {…} m1: addLabelsToLabelable(input: $m1) {…}`,
 * in plan order (GitHub runs a document's mutation fields one after another). Pure: ids come from
 * the resolver, which answers from what is already known (see write-ids.ts).
 */
export interface IdResolver {
  repo(ref: RepoRef): string | undefined;
  issue(ref: IssueRef): string | undefined;
  comment(ref: RepoRef, commentId: number, nodeId?: string): string | undefined;
  label(ref: RepoRef, name: string): string | undefined;
}

/** How many of an issue's newest comments the duplicate check after an `addComment` reads. */
const RACE_COMMENTS_READ = 30;
const COMMENT_FIELDS = "nodes { id databaseId body createdAt viewerDidAuthor }";
const NEWEST_COMMENTS = `... on Issue { comments(last: ${RACE_COMMENTS_READ}) { ${COMMENT_FIELDS} } } ... on PullRequest { comments(last: ${RACE_COMMENTS_READ}) { ${COMMENT_FIELDS} } }`;

export interface MutationField {
  /** GitHub's mutation, e.g. `addComment`. */
  mutation: string;
  /** Its input type, e.g. `AddCommentInput`. */
  inputType: string;
  input: Record<string, unknown>;
  selection: string;
  action: Action;
  /** NOT_FOUND is the goal reached (a comment or label already gone), not a failure. */
  notFoundIsDone: boolean;
}

export interface MutationDocument {
  query: string;
  variables: Record<string, unknown>;
  /** `fields[i]` is aliased `m<i>` in the document and in the answer. */
  fields: MutationField[];
}

/** GitHub takes at most 50 annotations per check-run request. */
const ANNOTATIONS_PER_REQUEST = 50;

/**
 * The actions GitHub has a mutation for (the rest stay REST: commit comments, files, pull requests).
 * An issue to create whose gather already looked for an earlier copy needs no re-check before the
 * create, so it is a `createIssue` field whose answer carries the de-dupe's read (see
 * `NEWEST_OWN_ISSUES`); one without that look keeps REST's re-check first (create-issue.ts).
 */
export function isMutationAction(action: Action): boolean {
  if (action.kind === "issue.create") return action.checkedByGather === true;
  return [
    "comment.create", "comment.update", "comment.delete", "labels.add", "label.remove", "issue.update", "check.create",
    "discussion.create", "discussion.update", "discussion.comment",
  ].includes(action.kind);
}

/**
 * How many of the repository's newest issues with the new issue's first label a `createIssue` reads
 * back: a racing run's copy was opened seconds before, so it is among them (create-issue.ts keeps
 * the oldest copy).
 */
export const RACE_ISSUES_READ = 30;

/** The de-dupe's read, selected on the created issue's repository: the newest issues carrying its first label. */
function newestOwnIssues(labels: readonly string[]): string {
  const filter = labels.length > 0 ? `, labels: [${JSON.stringify(labels[0])}]` : "";
  return `repository { issues(first: ${RACE_ISSUES_READ}, orderBy: { field: CREATED_AT, direction: DESC }, states: [OPEN, CLOSED]${filter}) { nodes { id number body viewerDidAuthor } } }`;
}

/** An id the write needs and nobody could find: the thing does not exist (as REST's 404). */
class MissingNodeError extends Error {
  readonly status = 404;
  constructor(what: string) {
    super(`${what} was not found (no node id to write to)`);
    this.name = "MissingNodeError";
  }
}

const need = (id: string | undefined, what: string): string => {
  if (!id) throw new MissingNodeError(what);
  return id;
};
const where = (t: IssueRef) => `${t.owner}/${t.repo}#${t.issue}`;

/** The fields for one action; none when the goal already holds (a label to remove that the repository lacks). */
export function compileAction(action: Action, ids: IdResolver): MutationField[] {
  const field = (mutation: string, input: Record<string, unknown>, selection = "clientMutationId", notFoundIsDone = false): MutationField => ({
    mutation, inputType: `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`, input, selection, action, notFoundIsDone,
  });
  switch (action.kind) {
    case "comment.create":
      // A sticky comment's duplicate check reads the issue's newest comments in the same request,
      // after the add (a racing delivery's copy is among them): no read of its own.
      return [field("addComment", { subjectId: need(ids.issue(action.target), where(action.target)), body: action.body },
        `commentEdge { node { id databaseId createdAt } }${action.marker ? ` subject { ${NEWEST_COMMENTS} }` : ""}`)];
    case "comment.update":
      return [field("updateIssueComment", { id: need(ids.comment(action.target, action.commentId, action.nodeId), `comment ${action.commentId}`), body: action.body })];
    case "comment.delete": {
      const id = ids.comment(action.target, action.commentId, action.nodeId);
      return id ? [field("deleteIssueComment", { id }, "clientMutationId", true)] : []; // already gone
    }
    case "labels.add":
      return [field("addLabelsToLabelable", {
        labelableId: need(ids.issue(action.target), where(action.target)),
        labelIds: action.labels.map((name) => need(ids.label(action.target, name), `label "${name}" in ${action.target.owner}/${action.target.repo}`)),
      })];
    case "label.remove": {
      const label = ids.label(action.target, action.label);
      if (!label) return []; // no such label in the repository: the issue cannot carry it
      return [field("removeLabelsFromLabelable", { labelableId: need(ids.issue(action.target), where(action.target)), labelIds: [label] }, "clientMutationId", true)];
    }
    case "issue.update": {
      const id = need(ids.issue(action.target), where(action.target));
      const fields: MutationField[] = [];
      if (action.title !== undefined || action.body !== undefined) {
        fields.push(field("updateIssue", { id, ...(action.title !== undefined ? { title: action.title } : {}), ...(action.body !== undefined ? { body: action.body } : {}) }));
      }
      if (action.state === "closed") {
        const stateReason = action.stateReason === "not_planned" ? "NOT_PLANNED" : "COMPLETED";
        fields.push(field("closeIssue", { issueId: id, stateReason }));
      } else if (action.state === "open") {
        fields.push(field("reopenIssue", { issueId: id }));
      }
      return fields;
    }
    case "issue.create":
      return [field("createIssue", {
        repositoryId: need(ids.repo(action.target), `${action.target.owner}/${action.target.repo}`),
        title: action.title,
        body: action.body,
        labelIds: action.labels.map((name) => need(ids.label(action.target, name), `label "${name}" in ${action.target.owner}/${action.target.repo}`)),
      }, `issue { id number ${newestOwnIssues(action.labels)} }`)];
    case "check.create": {
      const batches = annotationBatches(action.annotations);
      const input = {
        repositoryId: need(ids.repo(action.target), `${action.target.owner}/${action.target.repo}`),
        name: action.name,
        headSha: action.headSha,
        ...(action.externalId ? { externalId: action.externalId } : {}),
        // More than 50 annotations: created in progress, completed by the last of its updates.
        ...(batches.length > 1 ? { status: "IN_PROGRESS" } : completedFields(action)),
        output: checkOutput(action, batches[0] ?? []),
      };
      return [field("createCheckRun", input, "checkRun { id }")];
    }
    case "discussion.create":
      return [field("createDiscussion", {
        repositoryId: need(ids.repo(action.target), `${action.target.owner}/${action.target.repo}`), categoryId: action.categoryId, title: action.title, body: action.body,
      }, "discussion { id number url }")];
    case "discussion.update": {
      const discussionId = action.target.nodeId;
      const fields: MutationField[] = [];
      if (action.title !== undefined || action.body !== undefined) {
        fields.push(field("updateDiscussion", { discussionId, ...(action.title !== undefined ? { title: action.title } : {}), ...(action.body !== undefined ? { body: action.body } : {}) }));
      }
      // A meeting that will not take place: its notes are outdated, not resolved.
      if (action.state === "closed") fields.push(field("closeDiscussion", { discussionId, reason: "OUTDATED" }));
      if (action.state === "open") fields.push(field("reopenDiscussion", { discussionId }));
      return fields;
    }
    case "discussion.comment":
      return [field("addDiscussionComment", { discussionId: action.target.nodeId, body: action.body }, "comment { id }")];
    default:
      throw new Error(`${action.kind} has no GraphQL mutation`);
  }
}

/** The comments on a discussion the document just created (they need its id). */
export function compileNewDiscussionComments(action: Extract<Action, { kind: "discussion.create" }>, discussionId: string): MutationField[] {
  return (action.comments ?? []).map((body) => ({
    mutation: "addDiscussionComment", inputType: "AddDiscussionCommentInput", input: { discussionId, body }, selection: "comment { id }", action, notFoundIsDone: false,
  }));
}

/** The updates that add a check run's annotations past the first 50, the last one completing it. */
export function compileCheckRunUpdates(action: Extract<Action, { kind: "check.create" }>, repositoryId: string, checkRunId: string): MutationField[] {
  const batches = annotationBatches(action.annotations).slice(1);
  return batches.map((batch, i) => ({
    mutation: "updateCheckRun",
    inputType: "UpdateCheckRunInput",
    input: { repositoryId, checkRunId, ...(i === batches.length - 1 ? completedFields(action) : {}), output: checkOutput(action, batch) },
    selection: "checkRun { id }",
    action,
    notFoundIsDone: false,
  }));
}

function annotationBatches(annotations: CheckAnnotation[]): CheckAnnotation[][] {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return batches;
}

function completedFields(action: Extract<Action, { kind: "check.create" }>) {
  return { status: "COMPLETED", conclusion: action.conclusion.toUpperCase(), completedAt: action.completedAt };
}

function checkOutput(action: Extract<Action, { kind: "check.create" }>, annotations: CheckAnnotation[]) {
  return {
    title: action.title,
    summary: action.summary,
    ...(action.text ? { text: action.text } : {}),
    annotations: annotations.map((a) => ({
      path: a.path,
      location: { startLine: a.start_line, endLine: a.end_line },
      annotationLevel: a.annotation_level.toUpperCase(),
      message: a.message,
      ...(a.title ? { title: a.title } : {}),
    })),
  };
}

/** One document of the given fields, aliased `m0…` in order, each input passed as a variable. */
export function buildMutationDocument(fields: MutationField[]): MutationDocument {
  const variables: Record<string, unknown> = {};
  const declared: string[] = [];
  const selections = fields.map((f, i) => {
    variables[`m${i}`] = f.input;
    declared.push(`$m${i}: ${f.inputType}!`);
    return `m${i}: ${f.mutation}(input: $m${i}) { ${f.selection} }`;
  });
  return { query: `mutation ConvenerWrites(${declared.join(", ")}) { ${selections.join(" ")} }`, variables, fields };
}
