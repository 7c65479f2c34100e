import { hasMarker } from "../../core/markers.js";
import type { IntakeSweepResult } from "./sweep-query.js";

type OpenRequest = NonNullable<IntakeSweepResult["repository"]>["issues"]["nodes"][number];

/** The verdict the app's comment states: the "ready" heading of the intake-result template, or not. */
export function readVerdict(commentBody: string): "ready" | "needs-changes" {
  return /^### ✅ /m.test(commentBody) ? "ready" : "needs-changes";
}

/**
 * Whether a request may be left as it is: the app's verdict exists, is newer than the last edit
 * of the description, and the labels say the same as the verdict (exactly one state label). A
 * write that failed halfway (comment "ready", label `needs-changes`) fails this test.
 */
export function hasDrifted(request: OpenRequest, marker: string, labels: { ready: string; needsChanges: string }): boolean {
  const verdict = request.comments.nodes.find((c) => c.viewerDidAuthor && hasMarker(c.body, marker));
  if (!verdict) return true;
  if (request.lastEditedAt && Date.parse(request.lastEditedAt) > Date.parse(verdict.updatedAt)) return true;
  const has = (name: string) => request.labels.nodes.some((l) => l.name.toLowerCase() === name.toLowerCase());
  const want = readVerdict(verdict.body) === "ready" ? labels.ready : labels.needsChanges;
  const other = want === labels.ready ? labels.needsChanges : labels.ready;
  return !has(want) || has(other);
}
