import type { Config } from "../config-schema.js";
import { parseRoleEntry } from "../../core/roles.js";

/**
 * Sponsor roles decidable offline: a handle listed as a user in a sponsor role holds it; when the
 * roles name only users, anyone else does not; when they name teams, the answer is unknown and the
 * rule is skipped (it runs in the check run, where teams are asked).
 */
export function resolveOfflineRole(handle: string, config: Config): boolean | undefined {
  const entries = config.seps.sponsorRoles.flatMap((role) => config.roles[role]).map(parseRoleEntry);
  const who = handle.toLowerCase();
  if (entries.some((e) => e.kind === "user" && e.login!.toLowerCase() === who)) return true;
  return entries.some((e) => e.kind === "team") ? undefined : false;
}
