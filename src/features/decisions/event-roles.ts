import type { RoleName, RoleResolver } from "../../core/roles.js";
import { sharePromise } from "../../core/share-promise.js";

/**
 * The role look-ups of one event, each asked once: the gather starts those the payload already
 * names (the caller of a vote, a maintainer's command, whoever moved the veto label) side by side
 * with the state query, and the decision's own look-ups after the query reuse them.
 */
export function memoizeRoles(roles: RoleResolver): RoleResolver {
  const asked = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, ask: () => Promise<T>): Promise<T> => sharePromise(asked, key, ask);
  const hasRole = (login: string, role: RoleName) => once(`${role}:${login.toLowerCase()}`, () => roles.hasRole(login, role));
  return {
    hasRole,
    async hasAnyRole(login, names) {
      for (const role of names) if (await hasRole(login, role)) return true;
      return false;
    },
    listMembers: (role) => once(`list:${role}`, () => roles.listMembers(role)),
    describe: (role) => roles.describe(role),
  };
}

/** Starts a look-up whose answer is read later (or never): its failure surfaces where it is awaited. */
export function startEarly(lookUp: () => Promise<unknown>): void {
  lookUp().catch(() => undefined);
}
