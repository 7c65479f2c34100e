/**
 * An agenda's relative links (`../README.md`, `notes/slides.pdf`, `/docs/x.md`) point into the
 * repository next to the file; copied into an issue or a calendar they would resolve against the
 * issue's address and 404. They are rewritten to GitHub's blob address at the commit the agenda was
 * read at, as GitHub itself resolves them when it shows the file. Absolute links, `#anchors`,
 * `mailto:` and the like are kept; code (fenced, indented or inline) is left alone.
 */
export function rewriteRelativeLinks(markdown: string, fileUrl: string): string {
  const masked: string[] = [];
  // Code is set aside first so nothing in it is touched.
  const hidden = markdown
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1?\2[`~]*[ \t]*$|(?![\s\S]))/gm, (m) => hide(masked, m))
    .replace(/(`+)[^`]+?\1/g, (m) => hide(masked, m));
  const rewritten = hidden
    // Inline links and images: `[text](url "title")`, `![alt](<url>)`.
    .replace(/(!?\[[^\]\n]*\]\(\s*)(<[^>\n]*>|[^\s)]+)/g, (_m, head: string, url: string) => head + resolve(url, fileUrl))
    // Reference definitions: `[label]: url`.
    .replace(/^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)/gm, (_m, head: string, url: string) => head + resolve(url, fileUrl));
  return rewritten.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => masked[Number(i)]!);
}

function hide(masked: string[], text: string): string {
  masked.push(text);
  return `\u0000${masked.length - 1}\u0000`;
}

function resolve(raw: string, fileUrl: string): string {
  const bracketed = raw.startsWith("<") && raw.endsWith(">");
  const url = bracketed ? raw.slice(1, -1) : raw;
  // A scheme (`https:`, `mailto:`), a protocol-relative `//host`, or an anchor: not relative to the file.
  if (url === "" || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//") || url.startsWith("#")) return raw;
  const base = new URL(fileUrl);
  // `/docs/x.md` is the repository's root on GitHub, not the host's: `<owner>/<repo>/blob/<sha>/docs/x.md`.
  const root = base.pathname.split("/").slice(0, 5).join("/");
  let resolved: URL;
  try {
    resolved = url.startsWith("/") ? new URL(`${root}${url}`, base) : new URL(url, base);
  } catch {
    return raw;
  }
  // A relative path cannot climb above the repository: such a link stays as written.
  if (!resolved.pathname.startsWith(`${root}/`)) return raw;
  return bracketed ? `<${resolved.href}>` : resolved.href;
}
