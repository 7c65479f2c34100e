import type { TeamReader } from "./roles.js";

/**
 * Team answers kept between deliveries (membership of one person, and whole member lists), per
 * installation, for a short time: 29 % of all requests were the same membership asked again. The
 * `membership`, `team` and `organization` webhooks drop what they change (`teamScopesChangedBy`), so
 * the time limit only bounds how long a missed webhook can leave an answer wrong.
 *
 * Three calls on plain JSON-able values, so a shared store (Redis) can stand in for the in-process one.
 */
export type TeamAnswer = { kind: "member"; org: string; team: string; login: string } | { kind: "members"; org: string; team: string };

/** What a change makes stale: one person's answers in an org (every team: child teams count for their parents) and the org's member lists, or the whole org. */
export type TeamScope = { org: string; login?: string } | { all: true };

export interface TeamCache {
  get(installation: string, answer: TeamAnswer): Promise<boolean | string[] | undefined>;
  set(installation: string, answer: TeamAnswer, value: boolean | string[]): Promise<void>;
  invalidate(scope: TeamScope): Promise<void>;
}

const MAX_ENTRIES = 5000;

export function createMemoryTeamCache(options: { ttlMs: number; now?: () => number; maxEntries?: number }): TeamCache {
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? MAX_ENTRIES;
  const entries = new Map<string, { answer: TeamAnswer; value: boolean | string[]; storedAt: number }>();
  const keyOf = (installation: string, a: TeamAnswer) =>
    [installation, a.kind, a.org, a.team, a.kind === "member" ? a.login : ""].join("\n").toLowerCase();
  const matches = (a: TeamAnswer, scope: TeamScope) => {
    if ("all" in scope) return true;
    if (a.org.toLowerCase() !== scope.org.toLowerCase()) return false;
    return scope.login === undefined || a.kind === "members" || a.login.toLowerCase() === scope.login.toLowerCase();
  };
  return {
    async get(installation, answer) {
      const key = keyOf(installation, answer);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.storedAt >= options.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return Array.isArray(entry.value) ? [...entry.value] : entry.value;
    },
    async set(installation, answer, value) {
      if (options.ttlMs <= 0) return;
      const key = keyOf(installation, answer);
      entries.delete(key);
      entries.set(key, { answer, value: Array.isArray(value) ? [...value] : value, storedAt: now() });
      while (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    async invalidate(scope) {
      for (const [key, entry] of entries) if (matches(entry.answer, scope)) entries.delete(key);
    },
  };
}

/**
 * A TeamReader that answers from the cache and asks `reader` otherwise. Failures are not answers
 * and are not kept. An invalidation while a question is out keeps its answer out of the cache.
 */
export function createCachedTeamReader(reader: TeamReader, cache: TeamCache, installation: string, generation: () => number): TeamReader {
  const through = async <T extends boolean | string[]>(answer: TeamAnswer, ask: () => Promise<T>): Promise<T> => {
    const cached = await cache.get(installation, answer);
    if (cached !== undefined) return cached as T;
    const began = generation();
    const value = await ask();
    if (began === generation()) await cache.set(installation, answer, value);
    return value;
  };
  return {
    async isTeamMember(org, team, login) {
      // A member list already kept answers for everyone on it (both count child teams' members,
      // neither pending invitations); the answer is not stored again, so it ages with the list.
      const kept = await cache.get(installation, { kind: "member", org, team, login });
      if (typeof kept === "boolean") return kept;
      const members = await cache.get(installation, { kind: "members", org, team });
      if (Array.isArray(members)) return members.some((m) => m.toLowerCase() === login.toLowerCase());
      return through({ kind: "member", org, team, login }, () => reader.isTeamMember(org, team, login));
    },
    listTeamMembers: (org, team) => through({ kind: "members", org, team }, () => reader.listTeamMembers(org, team)),
  };
}

/**
 * Which team answers a webhook makes stale (`event` as `name.action`). The person whose membership
 * changed is the payload's `member` (or `membership.user`), not its `sender` (the admin who made
 * the change). Hostile payloads never throw; an unreadable one drops the whole org.
 */
export function teamScopesChangedBy(event: string, payload: any): TeamScope[] {
  const [name] = event.split(".");
  const org = typeof payload?.organization?.login === "string" ? payload.organization.login : undefined;
  switch (name) {
    case "membership": {
      if (!org) return [];
      const login = payload?.member?.login;
      return [typeof login === "string" ? { org, login } : { org }];
    }
    case "organization": {
      if (!org) return [];
      const login = payload?.membership?.user?.login;
      const renamedFrom = payload?.changes?.login?.from;
      if (/^member_/.test(payload?.action ?? "") && typeof login === "string") return [{ org, login }];
      return [{ org }, ...(typeof renamedFrom === "string" ? [{ org: renamedFrom }] : [])];
    }
    // Created, deleted, renamed (a new slug), moved under another parent: every answer of the org may change.
    case "team":
      return org ? [{ org }] : [];
    case "installation":
      return [{ all: true }];
    default:
      return [];
  }
}
