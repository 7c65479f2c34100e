import { createHash } from "node:crypto";
import type { RepoRef } from "../../core/plan.js";

/**
 * The request states this process last reviewed, per issue: the description and whether it carries
 * the request and kind labels, which is all an `issues.labeled` event can change for intake. GitHub
 * follows an issue opened from a form with one `issues.labeled` per label; when the request already
 * reads as reviewed, such an event costs no request. Bounded: the oldest entries are dropped. A
 * verdict whose write failed is repaired by the sweep (as after any failed delivery).
 */
const MAX_REMEMBERED = 1000;
const reviewed = new Map<string, string>();

const keyOf = (repo: RepoRef, number: number) => `${repo.owner}/${repo.repo}#${number}`.toLowerCase();

/** One string for a request's state as intake reads it: a digest of the body, and the label flags. */
export function describeState(body: string, labelFlags: string): string {
  return `${createHash("sha256").update(body).digest("base64")}|${labelFlags}`;
}

export function rememberReviewed(repo: RepoRef, number: number, state: string): void {
  const key = keyOf(repo, number);
  reviewed.delete(key);
  reviewed.set(key, state);
  while (reviewed.size > MAX_REMEMBERED) reviewed.delete(reviewed.keys().next().value!);
}

export function wasReviewed(repo: RepoRef, number: number, state: string): boolean {
  return reviewed.get(keyOf(repo, number)) === state;
}

/** For tests: forget every review. */
export function forgetReviewed(): void {
  reviewed.clear();
}
