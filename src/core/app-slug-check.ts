import type { AuthFn } from "../sweep/run-sweep.js";

/**
 * `APP_SLUG` decides whose comments Convener takes for its own (`<slug>[bot]`). A slug copied from
 * `.env.example` that is not this app's would trust another app's bot: so at start the configured
 * slug is compared with the app's own (`GET /app`, as the app) and a mismatch is refused.
 * Returns the problem in words an operator can act on, or null when the slug is right or unset.
 */
export async function checkAppSlug(auth: AuthFn, env: NodeJS.ProcessEnv): Promise<string | null> {
  const configured = env.APP_SLUG?.trim();
  if (!configured) return null;
  const { data } = await (await auth()).request("GET /app");
  const actual = String(data?.slug ?? "");
  if (actual.toLowerCase() === configured.toLowerCase()) return null;
  return `APP_SLUG is "${configured}" but this app (APP_ID ${env.APP_ID}) is "${actual}" on GitHub: Convener would trust comments by ${configured}[bot], another app's bot. Set APP_SLUG=${actual}, or leave it unset to read it from GitHub.`;
}
