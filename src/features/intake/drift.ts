import { findMarker } from "../../core/markers.js";
import { claimLabel, claimLabelsOf } from "./tag-claims.js";
import type { IntakeSweepResult } from "./sweep-query.js";

type OpenRequest = NonNullable<IntakeSweepResult["repository"]>["issues"]["nodes"][number];

/** The verdict the app's comment states: the "ready" heading of the intake-result template, or not. */
export function readVerdict(commentBody: string): "ready" | "needs-changes" {
  return /^### ✅ /m.test(commentBody) ? "ready" : "needs-changes";
}

/**
 * Whether a request may be left as it is: the app's verdict exists, is newer than the last edit
 * of the description, and the labels say the same as the verdict (exactly one state label, and the
 * claim label of the tag the verdict's marker records). A write that failed halfway (comment
 * "ready", label `needs-changes`) fails this test, and so does a verdict written before claims were
 * recorded (its marker has no `claim`): re-checking it gives an older request its claim label.
 */
export function hasDrifted(request: OpenRequest, marker: string, labels: { ready: string; needsChanges: string; claimPrefix: string }): boolean {
  const verdict = request.comments.nodes.find((c) => c.viewerDidAuthor && findMarker(c.body, marker) !== null);
  if (!verdict) return true;
  const claim = findMarker(verdict.body, marker)!.data.claim;
  if (claim !== null && typeof claim !== "string") return true;
  const claims = claimLabelsOf(request.labels.nodes.map((l) => l.name), labels.claimPrefix).map((l) => l.toLowerCase());
  const wanted = claim === null ? [] : [claimLabel(labels.claimPrefix, claim).toLowerCase()];
  if (claims.length !== wanted.length || claims.some((l, i) => l !== wanted[i])) return true;
  if (request.lastEditedAt && Date.parse(request.lastEditedAt) > Date.parse(verdict.updatedAt)) return true;
  const has = (name: string) => request.labels.nodes.some((l) => l.name.toLowerCase() === name.toLowerCase());
  const want = readVerdict(verdict.body) === "ready" ? labels.ready : labels.needsChanges;
  const other = want === labels.ready ? labels.needsChanges : labels.ready;
  return !has(want) || has(other);
}
