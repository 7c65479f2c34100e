/**
 * Roles are lists of GitHub users and org teams (`alice`, `@alice`, `org/team`, `@org/team`).
 * Team membership is asked of GitHub (one request per team and person, only when a user entry does
 * not already decide it). The resolver shares each question within one delivery; the TeamReader the
 * dispatcher gives it also keeps answers between deliveries (role-cache.ts: a short time limit, and
 * dropped by `membership`/`team`/`organization` webhooks), so a role already answered costs nothing.
 */
export type RoleName = "moderators" | "coreMaintainers" | "leadMaintainers" | "maintainers";
export type RolesConfig = Record<RoleName, string[]>;

export interface TeamReader {
  /** True when `login` is an active member of the team; false when GitHub answers 404. */
  isTeamMember(org: string, team: string, login: string): Promise<boolean>;
  listTeamMembers(org: string, team: string): Promise<string[]>;
}

export interface RoleEntry {
  kind: "user" | "team";
  login?: string;
  org?: string;
  team?: string;
}

export function parseRoleEntry(entry: string): RoleEntry {
  const clean = entry.trim().replace(/^@/, "");
  const slash = clean.indexOf("/");
  if (slash > 0) return { kind: "team", org: clean.slice(0, slash), team: clean.slice(slash + 1) };
  return { kind: "user", login: clean };
}

export const ROLE_TITLES: Record<RoleName, string> = {
  moderators: "community moderators",
  coreMaintainers: "core maintainers",
  leadMaintainers: "lead maintainers",
  maintainers: "maintainers",
};

export interface RoleResolver {
  hasRole(login: string, role: RoleName): Promise<boolean>;
  hasAnyRole(login: string, roles: readonly RoleName[]): Promise<boolean>;
  listMembers(role: RoleName): Promise<string[]>;
  /** The configured entries, for messages ("who may vote"). */
  describe(role: RoleName): string[];
}

export function createRoleResolver(config: RolesConfig, teams: TeamReader): RoleResolver {
  const memberCache = new Map<string, Promise<boolean>>();
  const listCache = new Map<string, Promise<string[]>>();

  const isMember = (org: string, team: string, login: string) => {
    const key = `${org}/${team}:${login}`.toLowerCase();
    let hit = memberCache.get(key);
    if (!hit) {
      // A member list asked for in this delivery (even one still on its way, e.g. read beside the
      // SEP texts) answers for everyone on it; a failed list falls back to asking about the person.
      const listed = listCache.get(`${org}/${team}`.toLowerCase());
      hit = listed
        ? listed.then((members) => members.some((m) => m.toLowerCase() === login.toLowerCase()), () => teams.isTeamMember(org, team, login))
        : teams.isTeamMember(org, team, login);
      memberCache.set(key, hit);
    }
    return hit;
  };
  const listTeam = (org: string, team: string) => {
    const key = `${org}/${team}`.toLowerCase();
    let hit = listCache.get(key);
    if (!hit) listCache.set(key, (hit = teams.listTeamMembers(org, team)));
    return hit;
  };

  const hasRole = async (login: string, role: RoleName): Promise<boolean> => {
    const entries = (config[role] ?? []).map(parseRoleEntry);
    const who = login.toLowerCase();
    if (entries.some((e) => e.kind === "user" && e.login!.toLowerCase() === who)) return true;
    for (const e of entries) {
      if (e.kind === "team" && (await isMember(e.org!, e.team!, login))) return true;
    }
    return false;
  };

  return {
    hasRole,
    async hasAnyRole(login, roles) {
      for (const role of roles) if (await hasRole(login, role)) return true;
      return false;
    },
    async listMembers(role) {
      const members = new Map<string, string>();
      for (const e of (config[role] ?? []).map(parseRoleEntry)) {
        const logins = e.kind === "user" ? [e.login!] : await listTeam(e.org!, e.team!);
        for (const l of logins) members.set(l.toLowerCase(), l);
      }
      return [...members.values()].sort((a, b) => a.localeCompare(b));
    },
    describe(role) {
      return (config[role] ?? []).map((e) => "@" + e.trim().replace(/^@/, ""));
    },
  };
}
