/**
 * The whole registry in one request: the default branch's head commit and both charter folders'
 * files with their text, read at `HEAD` (the default branch).
 */
const TREE = `... on Tree { entries { name type object { ... on Blob { text isTruncated } } } }`;

export const REGISTRY_QUERY = `query RegistryCharters($owner: String!, $repo: String!, $wg: String!, $ig: String!) {
  repository(owner: $owner, name: $repo) {
    defaultBranchRef { target { oid } }
    wg: object(expression: $wg) { ${TREE} }
    ig: object(expression: $ig) { ${TREE} }
  }
}`;

/** Only the head commit: the cheap check that tells whether the cached registry is still current. */
export const REGISTRY_HEAD_QUERY = `query RegistryHead($owner: String!, $repo: String!) {
  repository(owner: $owner, name: $repo) { defaultBranchRef { target { oid } } }
}`;

export interface TreeEntry {
  name: string;
  type: string;
  object: { text?: string | null; isTruncated?: boolean } | null;
}

export interface RegistryQueryResult {
  repository: {
    defaultBranchRef: { target: { oid: string } | null } | null;
    wg: { entries?: TreeEntry[] } | null;
    ig: { entries?: TreeEntry[] } | null;
  } | null;
}

export interface RegistryHeadResult {
  repository: { defaultBranchRef: { target: { oid: string } | null } | null } | null;
}

/** `HEAD:docs/community/working-groups` — the folder at the default branch's head. */
export function folderExpression(path: string): string {
  return `HEAD:${path.replace(/^\/+|\/+$/g, "")}`;
}
