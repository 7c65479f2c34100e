import type { Comment, Discussion, DiscussionCategory, Repo } from "../state.js";
import { connection, type PageArgs } from "./connection.js";
import { requireNode } from "./node-ids.js";
import { actorNode, id, repositoryNode, TypedError, type GqlContext } from "./nodes.js";

/**
 * Discussions as GitHub's GraphQL API serves them: `repository.discussions` / `discussion(number:)` /
 * `discussionCategories`, and the mutations that open, edit, close, reopen and comment on them.
 * GitHub has no REST route to write discussions, so these are the only way in. Discussions share
 * the repository's number sequence with issues, as on GitHub. No `discussion` webhook is sent yet.
 */
export function discussionCategoryNode(ctx: GqlContext, repo: Repo, c: DiscussionCategory) {
  return {
    __typename: "DiscussionCategory", id: id("DiscussionCategory", c.id), name: c.name, slug: c.slug, emoji: ":speech_balloon:", emojiHTML: "",
    description: null, isAnswerable: c.name === "Q&A", createdAt: repo.created_at, updatedAt: repo.created_at, repository: () => repositoryNode(ctx, repo),
  };
}

export function discussionCommentNode(ctx: GqlContext, repo: Repo, d: Discussion, c: Comment) {
  return {
    __typename: "DiscussionComment", id: id("DiscussionComment", c.id), databaseId: c.id, body: c.body, bodyText: c.body,
    createdAt: c.created_at, updatedAt: c.updated_at, publishedAt: c.created_at,
    viewerDidAuthor: c.user.toLowerCase() === ctx.viewer.toLowerCase(), author: actorNode(ctx, c.user),
    url: `${ctx.webUrl}/${repo.owner}/${repo.name}/discussions/${d.number}#discussioncomment-${c.id}`,
    discussion: () => discussionNode(ctx, repo, d),
  };
}

export function discussionNode(ctx: GqlContext, repo: Repo, d: Discussion): Record<string, unknown> {
  const url = `${ctx.webUrl}/${repo.owner}/${repo.name}/discussions/${d.number}`;
  const category = ctx.state.discussionsOf(repo).categories.find((c) => c.id === d.category)!;
  return {
    __typename: "Discussion", id: id("Discussion", d.id), databaseId: d.id, number: d.number, title: d.title, body: d.body, bodyText: d.body,
    closed: d.closed, closedAt: d.closed_at, stateReason: d.state_reason, createdAt: d.created_at, updatedAt: d.updated_at, url,
    resourcePath: new URL(url).pathname, author: actorNode(ctx, d.user), viewerDidAuthor: d.user.toLowerCase() === ctx.viewer.toLowerCase(),
    locked: false, category: discussionCategoryNode(ctx, repo, category), repository: () => repositoryNode(ctx, repo),
    comments: (args: PageArgs) => connection(d.comments.map((c) => discussionCommentNode(ctx, repo, d, c)), args),
  };
}

/** The Repository fields about discussions. */
export function discussionFields(ctx: GqlContext, repo: Repo) {
  const { discussions, categories } = ctx.state.discussionsOf(repo);
  return {
    discussionCategories: (args: PageArgs) => connection(categories.map((c) => discussionCategoryNode(ctx, repo, c)), args),
    discussionCategory: ({ slug }: { slug: string }) => {
      const found = categories.find((c) => c.slug === slug);
      return found ? discussionCategoryNode(ctx, repo, found) : null;
    },
    discussion: ({ number }: { number: number }) => {
      const found = discussions.get(number);
      if (!found) throw new TypedError("NOT_FOUND", `Could not resolve to a Discussion with the number of ${number}.`);
      return discussionNode(ctx, repo, found);
    },
    discussions: (args: PageArgs & { categoryId?: string | null; states?: string[] | null; orderBy?: { field: string; direction: string } | null }) => {
      const category = args.categoryId ? requireNode(ctx.state, args.categoryId, "DiscussionCategory") : null;
      const key = (d: Discussion) => (args.orderBy?.field === "CREATED_AT" ? d.created_at : d.updated_at);
      // GitHub's default order is the latest update first.
      const sign = args.orderBy && args.orderBy.direction === "ASC" ? 1 : -1;
      const items = [...discussions.values()]
        .filter((d) => !category || (category.repo === repo && d.category === category.category.id))
        .filter((d) => !args.states?.length || args.states.includes(d.closed ? "CLOSED" : "OPEN"))
        .sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number));
      return connection(items.map((d) => discussionNode(ctx, repo, d)), args);
    },
  };
}

const MAX_BODY = 65_536;

/** createDiscussion, updateDiscussion, closeDiscussion, reopenDiscussion, addDiscussionComment. */
export function discussionMutations(ctx: GqlContext, allowed: () => void) {
  const actor = ctx.viewer;
  const checkBody = (body: string | null | undefined) => {
    if (body != null && body.length > MAX_BODY) throw new TypedError("UNPROCESSABLE", `Body is too long (maximum is ${MAX_BODY} characters)`);
  };
  const touched = (d: Discussion) => {
    d.updated_at = ctx.state.now();
  };
  const payload = (repo: Repo, d: Discussion) => ({ discussion: discussionNode(ctx, repo, d) });
  return {
    createDiscussion: ({ input }: { input: { repositoryId: string; categoryId: string; title: string; body: string } }) => {
      allowed();
      const { repo } = requireNode(ctx.state, input.repositoryId, "Repository");
      const category = requireNode(ctx.state, input.categoryId, "DiscussionCategory");
      if (category.repo !== repo) throw new TypedError("NOT_FOUND", `Could not resolve to a node with the global id of '${input.categoryId}'`);
      if (!input.title.trim()) throw new TypedError("UNPROCESSABLE", "Title can't be blank");
      checkBody(input.body);
      const now = ctx.state.now();
      const d: Discussion = {
        id: ctx.state.id(), number: repo.nextNumber++, title: input.title, body: input.body, user: actor, category: category.category.id,
        closed: false, state_reason: null, created_at: now, updated_at: now, closed_at: null, comments: [],
      };
      ctx.state.discussionsOf(repo).discussions.set(d.number, d);
      return payload(repo, d);
    },
    updateDiscussion: ({ input }: { input: { discussionId: string; title?: string | null; body?: string | null; categoryId?: string | null } }) => {
      allowed();
      const { repo, discussion } = requireNode(ctx.state, input.discussionId, "Discussion");
      checkBody(input.body);
      if (input.title != null) discussion.title = input.title;
      if (input.body != null) discussion.body = input.body;
      if (input.categoryId != null) discussion.category = requireNode(ctx.state, input.categoryId, "DiscussionCategory").category.id;
      touched(discussion);
      return payload(repo, discussion);
    },
    closeDiscussion: ({ input }: { input: { discussionId: string; reason?: string | null } }) => {
      allowed();
      const { repo, discussion } = requireNode(ctx.state, input.discussionId, "Discussion");
      discussion.closed = true;
      discussion.state_reason = input.reason ?? "RESOLVED";
      discussion.closed_at = ctx.state.now();
      touched(discussion);
      return payload(repo, discussion);
    },
    reopenDiscussion: ({ input }: { input: { discussionId: string } }) => {
      allowed();
      const { repo, discussion } = requireNode(ctx.state, input.discussionId, "Discussion");
      discussion.closed = false;
      discussion.state_reason = "REOPENED";
      discussion.closed_at = null;
      touched(discussion);
      return payload(repo, discussion);
    },
    addDiscussionComment: ({ input }: { input: { discussionId: string; body: string } }) => {
      allowed();
      const { repo, discussion } = requireNode(ctx.state, input.discussionId, "Discussion");
      checkBody(input.body);
      if (!input.body.trim()) throw new TypedError("UNPROCESSABLE", "Body can't be blank");
      const now = ctx.state.now();
      const comment: Comment = { id: ctx.state.id(), body: input.body, user: actor, viaApp: true, created_at: now, updated_at: now, reactions: [] };
      discussion.comments.push(comment);
      touched(discussion);
      return { comment: discussionCommentNode(ctx, repo, discussion, comment) };
    },
  };
}
