import { isAppComment, type AppIdentity, type CommentAuthorship } from "./identity.js";

/**
 * Hidden markers tie a comment or issue body to the state the app keeps in it:
 * `<!-- convener:intake {"v":1} -->`. Anyone can paste a marker, so a marker is only believed in a
 * comment the app wrote (see `findOwnComment`).
 */
const MARKER = /<!-- convener:([a-z0-9][a-z0-9:._/-]*)(?: (\{.*?\}))? -->/g;

export function renderMarker(key: string, data?: Record<string, unknown>): string {
  // JSON inside an HTML comment must not be able to close it.
  const json = data ? " " + JSON.stringify(data).replace(/--/g, "-\\u002d").replace(/>/g, "\\u003e") : "";
  return `<!-- convener:${normalizeMarkerKey(key)}${json} -->`;
}

/**
 * Keys are often built from data (`meeting:Auth-IG/2026-01-05`). A key the parser cannot read back
 * would make the app miss its own comment and post a new one on every event, so rendering and
 * lookup both fold a key to the form the parser reads: lower case, other characters as `-`.
 */
export function normalizeMarkerKey(key: string): string {
  const folded = key.toLowerCase().replace(/[^a-z0-9:._/-]+/g, "-").replace(/^[^a-z0-9]+/, "");
  return folded || "marker";
}

export interface FoundMarker {
  key: string;
  data: Record<string, unknown>;
}

export function parseMarkers(body: string | null | undefined): FoundMarker[] {
  const found: FoundMarker[] = [];
  for (const m of (body ?? "").matchAll(MARKER)) {
    let data: Record<string, unknown> = {};
    if (m[2]) {
      try {
        const parsed: unknown = JSON.parse(m[2]);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
      } catch {
        continue; // a damaged marker is no marker
      }
    }
    found.push({ key: m[1]!, data });
  }
  return found;
}

export function findMarker(body: string | null | undefined, key: string): FoundMarker | null {
  const wanted = normalizeMarkerKey(key);
  return parseMarkers(body).find((m) => m.key === wanted) ?? null;
}

export function hasMarker(body: string | null | undefined, key: string): boolean {
  return findMarker(body, key) !== null;
}

export interface MarkedComment extends CommentAuthorship {
  id: number;
  body?: string | null;
  created_at?: string;
}

/** The oldest comment the app wrote carrying `key`; comments by anyone else are ignored. */
export function findOwnComment<C extends MarkedComment>(
  comments: readonly C[],
  key: string,
  identity: AppIdentity,
): C | null {
  return findOwnComments(comments, key, identity)[0] ?? null;
}

export function findOwnComments<C extends MarkedComment>(
  comments: readonly C[],
  key: string,
  identity: AppIdentity,
): C[] {
  return comments
    .filter((c) => isAppComment(c, identity) && hasMarker(c.body, key))
    .sort((a, b) => a.id - b.id);
}
