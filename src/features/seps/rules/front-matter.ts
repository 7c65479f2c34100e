import type { ParsedSep } from "../parse-sep.js";
import { error, quote, type Finding } from "../finding.js";

/**
 * A SEP is markdown with its header as a list under the title. Front matter in another language
 * (`---js`, `---toml`, `+++`) is never read, let alone run, by Convener, but other tools (site
 * generators) may run it, and a reader of the check would think it passed: it is an error.
 */
export function checkFrontMatter(sep: ParsedSep): Finding[] {
  const fm = sep.frontMatter;
  if (!fm || fm.yaml) return [];
  return [error("front-matter", fm.line,
    `The file starts with a ${quote(fm.opening)} front-matter block; SEP files hold no front matter other than YAML, and this one is neither read nor run. Remove it: the header fields go in the list under the title.`)];
}
