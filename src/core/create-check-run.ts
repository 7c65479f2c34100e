import type { OctokitLike } from "./github.js";
import type { Action, CheckAnnotation } from "./plan.js";

const ANNOTATIONS_PER_REQUEST = 50; // GitHub's limit per check-run create/update

/**
 * Creates one check run and completes it once. GitHub appends the annotations of every request to
 * the run, so the batches go out in order and the run only turns `completed` with the last of them:
 * up to 50 annotations are one request; more are a create `in_progress` plus one update per further 50.
 */
export async function createCheckRun(octokit: OctokitLike, action: Extract<Action, { kind: "check.create" }>): Promise<number> {
  const { owner, repo } = action.target;
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < action.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(action.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const output = (annotations: CheckAnnotation[]) => ({
    title: action.title, summary: action.summary, ...(action.text ? { text: action.text } : {}), annotations,
  });
  const completed = { status: "completed", conclusion: action.conclusion, completed_at: action.completedAt };
  const created = await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
    owner, repo, name: action.name, head_sha: action.headSha, ...(action.externalId ? { external_id: action.externalId } : {}),
    ...(batches.length > 1 ? { status: "in_progress" } : completed), output: output(batches[0] ?? []),
  });
  const id = created.data.id as number;
  for (const [i, batch] of batches.slice(1).entries()) {
    const last = i === batches.length - 2;
    await octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      owner, repo, check_run_id: id, ...(last ? completed : {}), output: output(batch),
    });
  }
  return id;
}
