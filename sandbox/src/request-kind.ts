import { getOperationAST, parse } from "graphql";

/**
 * What a GraphQL request does, for the request log: the operation GitHub would run (the named one,
 * or the document's only one) and whether it is a mutation. A POST to /graphql is a read unless that
 * operation is a mutation, so a test can count an event's writes whether they go by REST or GraphQL.
 */
export function describeGraphqlRequest(body: unknown): { operation?: string; write: boolean } {
  const query = typeof (body as any)?.query === "string" ? (body as any).query as string : "";
  const operationName = typeof (body as any)?.operationName === "string" ? (body as any).operationName as string : undefined;
  try {
    const operation = getOperationAST(parse(query), operationName);
    if (operation) return { ...(operation.name ? { operation: operation.name.value } : {}), write: operation.operation === "mutation" };
  } catch {
    // Not a document GitHub would run: the schema check answers it; the log still classifies it.
  }
  // Several operations without a name to pick one, or no parse: any mutation in it counts as a write.
  const named = operationName ?? /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  return { ...(named ? { operation: named } : {}), write: /(^|[^\w"])mutation\b/.test(query) };
}
