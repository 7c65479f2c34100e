/**
 * Who "the app" is on GitHub. Markers, ballots and activity are only trusted or ignored once we know
 * which comments the app itself wrote: a comment is the app's when GitHub says it was performed via
 * this app (its id), or when its author is the app's bot account.
 */
export interface AppIdentity {
  appId?: number;
  /** The bot account, e.g. `convener[bot]`. */
  login?: string;
}

export interface CommentAuthorship {
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number; slug?: string } | null;
}

export function isAppComment(comment: CommentAuthorship, identity: AppIdentity): boolean {
  const viaApp = comment.performed_via_github_app?.id;
  if (identity.appId !== undefined && viaApp !== undefined && viaApp === identity.appId) return true;
  const login = comment.user?.login?.toLowerCase();
  return identity.login !== undefined && login === identity.login.toLowerCase();
}

/** Reads the identity from the environment the server runs in (`APP_ID`, `APP_SLUG`). */
export function readIdentityFromEnv(env: NodeJS.ProcessEnv = process.env): AppIdentity {
  const appId = env.APP_ID && /^\d+$/.test(env.APP_ID) ? Number(env.APP_ID) : undefined;
  const slug = env.APP_SLUG?.trim();
  return {
    ...(appId !== undefined ? { appId } : {}),
    ...(slug ? { login: `${slug}[bot]` } : {}),
  };
}

/** Any account GitHub marks as a bot, the app included: never counted as human activity or a voter. */
export function isBotAccount(user: { login?: string; type?: string } | null | undefined): boolean {
  if (!user) return true;
  return user.type === "Bot" || (user.login ?? "").endsWith("[bot]");
}

/** `DRY_RUN` is on for `true`, `1`, `yes` or `on` (any case): a typo must not silently mean "write". */
export function isDryRunEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1|yes|on)$/i.test((env.DRY_RUN ?? "").trim());
}
