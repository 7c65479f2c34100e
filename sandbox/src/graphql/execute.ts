import {
  execute, getNamedType, GraphQLError, isEnumType, isListType, isNonNullType, isObjectType, isScalarType, parse, validate, type DocumentNode,
  type GraphQLFieldResolver, type GraphQLOutputType,
} from "graphql";
import type { Issue, Repo } from "../state.js";
import { ArgumentError, connection, emptyConnection, type PageArgs } from "./connection.js";
import { actorNode, issueNode, repositoryNode, TypedError, type GqlContext } from "./nodes.js";
import { mutationRoot, nodeOf } from "./mutations.js";
import { githubSchema } from "./schema.js";
import { HttpError } from "../rest/router.js";

export interface GraphqlResult {
  data?: unknown;
  errors?: Record<string, unknown>[];
}

/**
 * Runs a query the way GitHub does: validated against GitHub's schema (a query GitHub would reject
 * is rejected here with graphql-js's message), then executed over the state; mutations (see
 * mutations.ts) change it as the REST routes do. Missing lookups are
 * `null` with a typed NOT_FOUND error, as GitHub answers them; fields the stand-in does not model
 * resolve to empty values instead of failing.
 */
export function runGraphql(ctx: GqlContext, query: unknown, variables: unknown, operationName?: unknown): GraphqlResult {
  if (typeof query !== "string" || !query.trim()) return { errors: [{ message: "A query attribute must be specified and must be a string." }] };
  const checked = checkDocument(query);
  if (!("document" in checked)) return checked;
  const { document } = checked;
  const schema = githubSchema();
  const subscription = document.definitions.some((d) => d.kind === "OperationDefinition" && d.operation === "subscription");
  if (subscription) return { errors: [{ type: "NOT_IMPLEMENTED", message: "Not implemented by the Convener stand-in: GraphQL subscriptions" }] };
  const result = execute({
    schema,
    document,
    // Queries and mutations share one root: their field names never clash.
    rootValue: { ...rootOf(ctx), ...mutationRoot(ctx) },
    contextValue: ctx,
    variableValues: (variables ?? {}) as Record<string, unknown>,
    operationName: typeof operationName === "string" ? operationName : null,
    fieldResolver,
    typeResolver: (value) => (value as { __typename?: string }).__typename,
  });
  if (result instanceof Promise) throw new Error("resolvers are synchronous");
  return { ...(result.data !== undefined ? { data: result.data } : {}), ...(result.errors?.length ? { errors: result.errors.map(format) } : {}) };
}

/**
 * Parsed and validated documents by their text. GitHub's schema is large, so validating a query takes
 * the stand-in milliseconds of the CPU it shares with the app; GitHub's own time is inside the round
 * trip the bench adds, so a document already seen is not validated again.
 */
const checkedDocuments = new Map<string, { document: DocumentNode } | GraphqlResult>();
const CHECKED_DOCUMENTS_KEPT = 500;

function checkDocument(query: string): { document: DocumentNode } | GraphqlResult {
  const known = checkedDocuments.get(query);
  if (known) return known;
  let checked: { document: DocumentNode } | GraphqlResult;
  try {
    const document = parse(query);
    const problems = validate(githubSchema(), document);
    checked = problems.length ? { errors: problems.map(format) } : { document };
  } catch (error) {
    checked = { errors: [format(error as GraphQLError)] };
  }
  if (checkedDocuments.size >= CHECKED_DOCUMENTS_KEPT) checkedDocuments.delete(checkedDocuments.keys().next().value!);
  checkedDocuments.set(query, checked);
  return checked;
}

function format(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  const type = original instanceof TypedError ? original.type
    : original instanceof ArgumentError ? "INVALID_ARGUMENT"
    : original instanceof HttpError ? "UNPROCESSABLE" // a rule shared with a REST route (e.g. check runs)
    : undefined;
  return {
    ...(type ? { type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

const fieldResolver: GraphQLFieldResolver<any, GqlContext> = (source, args, ctx, info) => {
  const value = source?.[info.fieldName];
  const resolved = typeof value === "function" ? value.call(source, args, ctx, info) : value;
  return resolved === undefined ? emptyValue(info.returnType) : resolved;
};

/** What a field the stand-in does not model resolves to: null where allowed, else an empty value. */
function emptyValue(type: GraphQLOutputType): unknown {
  const named = getNamedType(type);
  if (isObjectType(named) && named.name.endsWith("Connection")) return emptyConnection();
  if (isListType(isNonNullType(type) ? type.ofType : type)) return [];
  if (!isNonNullType(type)) return null;
  if (isScalarType(named)) return named.name === "Int" || named.name === "Float" ? 0 : named.name === "Boolean" ? false : "";
  if (isEnumType(named)) return named.getValues()[0]?.value ?? null;
  if (isObjectType(named)) return {};
  return null;
}

function rootOf(ctx: GqlContext) {
  const repoOrThrow = (owner: string, name: string): Repo => {
    const repo = ctx.state.repo(owner, name);
    if (!repo) throw new TypedError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`);
    return repo;
  };
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => repositoryNode(ctx, repoOrThrow(owner, name)),
    user: ({ login }: { login: string }) => {
      const account = ctx.state.account(login);
      if (!account || account.type !== "User") throw new TypedError("NOT_FOUND", `Could not resolve to a User with the login of '${login}'.`);
      return actorNode(ctx, account.login);
    },
    organization: ({ login }: { login: string }) => {
      const account = ctx.state.account(login);
      if (!account || account.type !== "Organization") throw new TypedError("NOT_FOUND", `Could not resolve to an Organization with the login of '${login}'.`);
      return { ...actorNode(ctx, account.login), teams: () => emptyConnection() };
    },
    viewer: () => actorNode(ctx, ctx.viewer),
    node: ({ id }: { id: string }) => nodeOf(ctx, id),
    // A missing id is a null entry with its own error (graphql-js turns an Error item into one).
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => {
      try {
        return nodeOf(ctx, id);
      } catch (error) {
        return error;
      }
    }),
    search: (args: PageArgs & { query: string; type: string }) => search(ctx, args),
    rateLimit: () => ({ __typename: "RateLimit", limit: 5000, cost: 1, remaining: 4999, resetAt: new Date(Date.now() + 3600_000).toISOString(), used: 1, nodeCount: 0 }),
  };
}

/** GitHub's issue search for the qualifiers apps use: repo:, is:, label:, state:, author:, updated:/created:/closed: ranges. */
function search(ctx: GqlContext, args: PageArgs & { query: string; type: string }) {
  if (args.type !== "ISSUE" && args.type !== "ISSUE_ADVANCED") return { ...connection([], args), issueCount: 0, codeCount: 0, repositoryCount: 0, userCount: 0, discussionCount: 0, wikiCount: 0 };
  const terms = [...args.query.matchAll(/(-?)(\w+):("[^"]*"|\S+)|("[^"]*"|\S+)/g)];
  const results: { repo: Repo; issue: Issue }[] = [];
  for (const repo of ctx.state.repos.values()) for (const issue of repo.issues.values()) results.push({ repo, issue });
  const kept = results.filter(({ repo, issue }) =>
    terms.every((m) => {
      const [, neg, key, raw, word] = m;
      if (word) return `${issue.title}\n${issue.body ?? ""}`.toLowerCase().includes(word.replace(/"/g, "").toLowerCase());
      const value = raw!.replace(/^"|"$/g, "");
      const hit = matches(repo, issue, key!.toLowerCase(), value);
      return neg ? !hit : hit;
    }),
  );
  kept.sort((a, b) => b.issue.updated_at.localeCompare(a.issue.updated_at));
  const nodes = kept.map(({ repo, issue }) => issueNode(ctx, repo, issue));
  return { ...connection(nodes, args), issueCount: nodes.length };
}

function matches(repo: Repo, issue: Issue, key: string, value: string): boolean {
  const v = value.toLowerCase();
  switch (key) {
    case "repo":
      return `${repo.owner}/${repo.name}`.toLowerCase() === v;
    case "org":
    case "user":
      return repo.owner.toLowerCase() === v;
    case "is":
    case "type":
      return v === "issue" ? !issue.pull : v === "pr" ? Boolean(issue.pull) : v === "open" || v === "closed" ? issue.state === v : v === "merged" ? Boolean(issue.pull?.merged) : true;
    case "state":
      return issue.state === v;
    case "label":
      return v.split(",").some((l) => issue.labels.some((x) => x.toLowerCase() === l));
    case "author":
      return issue.user.toLowerCase() === v;
    case "updated":
    case "created":
    case "closed": {
      const at = key === "updated" ? issue.updated_at : key === "created" ? issue.created_at : issue.closed_at;
      return at !== null && inRange(at, value);
    }
    default:
      return true;
  }
}

function inRange(at: string, range: string): boolean {
  const m = /^(>=|<=|>|<)?(.+?)(?:\.\.(.+))?$/.exec(range);
  if (!m) return true;
  const [, op, from, to] = m;
  if (to) return at >= from! && at <= to + "\uffff";
  if (op === ">=") return at >= from!;
  if (op === ">") return at > from! + "\uffff";
  if (op === "<=") return at <= from! + "\uffff";
  if (op === "<") return at < from!;
  return at.startsWith(from!);
}
