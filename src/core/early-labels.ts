import type { OctokitLike } from "./github.js";
import { knownLabelId, rememberLabelIds } from "./label-ids.js";
import type { Log } from "./log.js";
import type { RepoRef } from "./plan.js";

/**
 * A label a plan will almost surely add, created while the gather reads, instead of after it.
 *
 * GraphQL adds labels by id, and no mutation takes a label name, so a label the repository does not
 * have must exist before the document that adds it: read → create → write is three round trips one
 * after the other. A feature that knows from the payload alone which new label its verdict adds (a
 * group request's `tag:<tag>` claim) asks for it here; the `createLabel` goes out beside the gather's
 * read (a read and a write may overlap; writes never do: it takes its turn in the installation's
 * write queue like any other), and `applyPlan` waits for it before it looks for missing label ids.
 * The event then costs read → write.
 *
 * It is still one write more than the document, as creating the label after the read was: the write
 * count does not change, only its place. When the label existed after all (another request claimed
 * the tag, and this process never saw it), GitHub refuses the create ("already taken") and the
 * gather's own label lookup supplies the id: a refused write, once per label and process.
 */
const pending = new Map<string, Promise<void>>();

const keyOf = (repo: RepoRef, name: string) => `${repo.owner}/${repo.repo}:${name}`.toLowerCase();

/** The colour GitHub gives a label that REST's add-labels creates on the fly. */
export const NEW_LABEL_COLOR = "ededed";

/**
 * Starts creating the labels whose ids this process does not know (never fails: a refused create
 * leaves the lookup to `applyPlan`, as before). `repositoryId` is the repository's node id (the
 * payload's `repository.node_id`); without it nothing is created early.
 */
export function startCreatingLabels(octokit: OctokitLike, repo: RepoRef, repositoryId: string | undefined, names: readonly string[], log: Log): void {
  const wanted = names.filter((name) => !knownLabelId(repo, name) && !pending.has(keyOf(repo, name)));
  if (!repositoryId || wanted.length === 0) return;
  const variables: Record<string, unknown> = {};
  const fields = wanted.map((name, i) => {
    variables[`m${i}`] = { repositoryId, name, color: NEW_LABEL_COLOR };
    return `m${i}: createLabel(input: $m${i}) { label { id name } }`;
  });
  const query = `mutation ConvenerLabels(${wanted.map((_, i) => `$m${i}: CreateLabelInput!`).join(", ")}) { ${fields.join(" ")} }`;
  const created = octokit.graphql(query, variables).then(
    (data: Record<string, any> | undefined) => remember(repo, wanted, data),
    (error: { data?: Record<string, any> }) => {
      // "Already taken" (the label exists) or any failure: what was created is kept, the rest looked up.
      remember(repo, wanted, error?.data);
      log.info({ labels: wanted, err: error }, "label not created ahead of the write (it may exist already); looked up instead");
    },
  ).finally(() => {
    for (const name of wanted) pending.delete(keyOf(repo, name));
  });
  for (const name of wanted) pending.set(keyOf(repo, name), created);
}

function remember(repo: RepoRef, names: string[], data: Record<string, any> | undefined): void {
  names.forEach((_, i) => rememberLabelIds(repo, [data?.[`m${i}`]?.label]));
}

/** Waits for the early creation of any of these labels still under way (so they are not created twice). */
export async function awaitLabelCreations(repo: RepoRef, names: readonly string[]): Promise<void> {
  const waits = names.map((name) => pending.get(keyOf(repo, name))).filter((p): p is Promise<void> => p !== undefined);
  if (waits.length > 0) await Promise.all(waits);
}
