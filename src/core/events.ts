/** Facts about a webhook payload that need no configuration and no request. */

/** A push that moved the default branch (not a tag, another branch, or a branch deletion). */
export function isDefaultBranchPush(payload: any): boolean {
  const branch = payload?.repository?.default_branch;
  return Boolean(branch) && payload?.ref === `refs/heads/${branch}` && !payload?.deleted && /^[0-9a-f]{40}$/i.test(String(payload?.after ?? "")) && !/^0+$/.test(String(payload.after));
}
