/** HTML-escapes text for element content and quoted attribute values (every value on the page goes through it). */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An http(s) URL as an attribute value, or null: a `javascript:` link from hostile data is never emitted. */
export function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  // A path of the page itself (`/convener/…`, `../../`, `owner/repo/`): no scheme, no other host.
  // Only URL characters: a browser drops leading spaces and control characters, which would turn
  // " javascript:…" back into a scheme.
  if (/^[A-Za-z0-9._~!$&'()*+,;=@%/?#-]+$/.test(url) && !url.startsWith("//")) return escapeHtml(url);
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? escapeHtml(parsed.href) : null;
  } catch {
    return null;
  }
}

/** A link when the URL is safe, plain text otherwise. */
export function link(text: string, url: string | undefined): string {
  const href = safeHref(url);
  return href ? `<a href="${href}">${escapeHtml(text)}</a>` : escapeHtml(text);
}
