import type { Changes } from "../changes.js";
import { applyCheckFields, createCheckRunIn } from "../rest/pull-routes.js";
import type { Issue, Repo } from "../state.js";
import { discussionCategoryNode, discussionCommentNode, discussionMutations, discussionNode } from "./discussions.js";
import { findNode, notFound, requireNode } from "./node-ids.js";
import { checkRunNode, commentNode, issueNode, labelNode, repositoryNode, TypedError, type GqlContext } from "./nodes.js";

/**
 * The mutations the app sends, over the same state and with the same webhooks as the REST routes
 * (both go through `Changes`). GraphQL runs a document's mutation fields one after another, so a
 * field sees the changes of the fields before it; a field that fails is `null` with its error while
 * the others still apply, as on GitHub.
 */
export function mutationRoot(ctx: GqlContext) {
  const changes = (): Changes => {
    if (!ctx.changes) throw new TypedError("FORBIDDEN", "Mutations are not available here");
    return ctx.changes;
  };
  const actor = ctx.viewer;
  const issueOf = (id: string) => requireNode(ctx.state, id, "Issue", "PullRequest");
  /** Label ids of the subject's repository (a label of another repository is NOT_FOUND, as on GitHub). */
  const labelNames = (repo: Repo, ids: string[]) =>
    ids.map((id) => {
      const found = requireNode(ctx.state, id, "Label");
      if (found.repo !== repo) throw notFound(id);
      return found.label.name;
    });
  const issuePayload = (repo: Repo, issue: Issue) => ({ __typename: "Payload", issue: issueNode(ctx, repo, issue) });
  const checkBody = (input: Record<string, any>) => ({
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.headSha !== undefined ? { head_sha: input.headSha } : {}),
    ...(input.externalId !== undefined ? { external_id: input.externalId } : {}),
    ...(input.status ? { status: String(input.status).toLowerCase() } : {}),
    ...(input.conclusion ? { conclusion: String(input.conclusion).toLowerCase() } : {}),
    ...(input.startedAt ? { started_at: input.startedAt } : {}),
    ...(input.completedAt ? { completed_at: input.completedAt } : {}),
    ...(input.output ? {
      output: {
        title: input.output.title, summary: input.output.summary, ...(input.output.text != null ? { text: input.output.text } : {}),
        annotations: (input.output.annotations ?? []).map((a: any) => ({
          path: a.path, start_line: a.location.startLine, end_line: a.location.endLine,
          ...(a.location.startColumn != null ? { start_column: a.location.startColumn } : {}), ...(a.location.endColumn != null ? { end_column: a.location.endColumn } : {}),
          annotation_level: String(a.annotationLevel).toLowerCase(), message: a.message, ...(a.title != null ? { title: a.title } : {}), ...(a.rawDetails != null ? { raw_details: a.rawDetails } : {}),
        })),
      },
    } : {}),
  });

  return {
    ...discussionMutations(ctx, () => void changes()),
    addComment: ({ input }: { input: { subjectId: string; body: string } }) => {
      const { repo, issue } = issueOf(input.subjectId);
      if (input.body.length > 65_536) throw new TypedError("UNPROCESSABLE", "Body is too long (maximum is 65536 characters)");
      const comment = changes().addComment(repo, issue, actor, input.body, true);
      const node = commentNode(ctx, repo, issue, comment);
      return { commentEdge: { cursor: node.id, node }, subject: issueNode(ctx, repo, issue), timelineEdge: { cursor: node.id, node } };
    },
    updateIssueComment: ({ input }: { input: { id: string; body: string } }) => {
      const { repo, issue, comment } = requireNode(ctx.state, input.id, "IssueComment");
      changes().editComment(repo, issue, comment, actor, input.body);
      return { issueComment: commentNode(ctx, repo, issue, comment) };
    },
    deleteIssueComment: ({ input }: { input: { id: string } }) => {
      const { repo, issue, comment } = requireNode(ctx.state, input.id, "IssueComment");
      changes().deleteComment(repo, issue, comment, actor);
      return { clientMutationId: null };
    },
    addLabelsToLabelable: ({ input }: { input: { labelableId: string; labelIds: string[] } }) => {
      const { repo, issue } = issueOf(input.labelableId);
      changes().addLabels(repo, issue, actor, labelNames(repo, input.labelIds));
      return { labelable: issueNode(ctx, repo, issue) };
    },
    removeLabelsFromLabelable: ({ input }: { input: { labelableId: string; labelIds: string[] } }) => {
      const { repo, issue } = issueOf(input.labelableId);
      // A label the issue does not carry is no error on GitHub: the goal holds.
      for (const name of labelNames(repo, input.labelIds)) changes().removeLabel(repo, issue, actor, name);
      return { labelable: issueNode(ctx, repo, issue) };
    },
    closeIssue: ({ input }: { input: { issueId: string; stateReason?: string | null } }) => {
      const { repo, issue } = requireNode(ctx.state, input.issueId, "Issue");
      changes().setState(repo, issue, actor, "closed", input.stateReason ? input.stateReason.toLowerCase() : "completed");
      return issuePayload(repo, issue);
    },
    reopenIssue: ({ input }: { input: { issueId: string } }) => {
      const { repo, issue } = requireNode(ctx.state, input.issueId, "Issue");
      changes().setState(repo, issue, actor, "open");
      return issuePayload(repo, issue);
    },
    updateIssue: ({ input }: { input: { id: string; title?: string | null; body?: string | null; state?: string | null; labelIds?: string[] | null } }) => {
      const { repo, issue } = requireNode(ctx.state, input.id, "Issue");
      const labels = input.labelIds ? labelNames(repo, input.labelIds) : null;
      changes().editIssue(repo, issue, actor, { ...(input.title != null ? { title: input.title } : {}), ...(input.body != null ? { body: input.body } : {}) });
      if (input.state === "OPEN" || input.state === "CLOSED") changes().setState(repo, issue, actor, input.state === "OPEN" ? "open" : "closed");
      if (labels) changes().setLabels(repo, issue, actor, labels);
      return { ...issuePayload(repo, issue), actor: null };
    },
    createIssue: ({ input }: { input: { repositoryId: string; title: string; body?: string | null; labelIds?: string[] | null } }) => {
      const { repo } = requireNode(ctx.state, input.repositoryId, "Repository");
      if (!input.title) throw new TypedError("UNPROCESSABLE", "Title can't be blank");
      const labels = labelNames(repo, input.labelIds ?? []);
      const issue = changes().openIssue(repo, actor, { title: input.title, body: input.body ?? null, labels });
      return issuePayload(repo, issue);
    },
    createLabel: ({ input }: { input: { repositoryId: string; name: string; color: string; description?: string | null } }) => {
      const { repo } = requireNode(ctx.state, input.repositoryId, "Repository");
      if (repo.labels.has(input.name.toLowerCase())) throw new TypedError("UNPROCESSABLE", "Name has already been taken");
      const label = ctx.state.ensureLabel(repo, input.name);
      label.color = input.color;
      if (input.description) label.description = input.description;
      return { label: labelNode(ctx, repo, label.name) };
    },
    createCheckRun: ({ input }: { input: Record<string, any> }) => {
      const { repo } = requireNode(ctx.state, input.repositoryId, "Repository");
      changes();
      if (!repo.commits.has(input.headSha)) throw new TypedError("UNPROCESSABLE", `No commit found for SHA: ${input.headSha}`);
      return { checkRun: checkRunNode(createCheckRunIn(ctx.state, repo, checkBody(input))) };
    },
    updateCheckRun: ({ input }: { input: Record<string, any> }) => {
      const { repo } = requireNode(ctx.state, input.repositoryId, "Repository");
      changes();
      const found = requireNode(ctx.state, input.checkRunId, "CheckRun");
      if (found.repo !== repo) throw notFound(input.checkRunId);
      applyCheckFields(checkBody(input), found.run);
      return { checkRun: checkRunNode(found.run) };
    },
  };
}

/** `node(id:)`, `nodes(ids:)`: what an id names, with the fields the stand-in serves for its type. */
export function nodeOf(ctx: GqlContext, id: string): Record<string, unknown> {
  const found = findNode(ctx.state, id);
  if (!found) throw notFound(id);
  switch (found.type) {
    case "Repository":
      return repositoryNode(ctx, found.repo);
    case "Issue":
    case "PullRequest":
      return issueNode(ctx, found.repo, found.issue);
    case "IssueComment":
      return commentNode(ctx, found.repo, found.issue, found.comment);
    case "Label":
      return labelNode(ctx, found.repo, found.label.name);
    case "CheckRun":
      return checkRunNode(found.run);
    case "Discussion":
      return discussionNode(ctx, found.repo, found.discussion);
    case "DiscussionCategory":
      return discussionCategoryNode(ctx, found.repo, found.category);
    case "DiscussionComment":
      return discussionCommentNode(ctx, found.repo, found.discussion, found.comment);
  }
}
