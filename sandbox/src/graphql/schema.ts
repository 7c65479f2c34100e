import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { assertValidSchema, buildClientSchema, type GraphQLSchema } from "graphql";

let schema: GraphQLSchema | undefined;

/** GitHub's own public schema (`@octokit/graphql-schema`), built and checked once: queries are validated against it. */
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    const json = JSON.parse(readFileSync(schemaPath(), "utf8"));
    schema = buildClientSchema(json.data ?? json);
    // graphql-js checks a schema the first time a query is validated against it (tens of
    // milliseconds for GitHub's): done here, when the stand-in starts, not inside the first request.
    assertValidSchema(schema);
  }
  return schema;
}

/** The package exports only its ESM entry, not the JSON file: look for the file along node's search paths. */
function schemaPath(): string {
  const paths = createRequire(import.meta.url).resolve.paths("@octokit/graphql-schema") ?? [];
  const found = paths.map((p) => join(p, "@octokit", "graphql-schema", "schema.json")).find((p) => existsSync(p));
  if (!found) throw new Error("@octokit/graphql-schema is not installed (npm ci installs it)");
  return found;
}
