import type { ParsedSep } from "../parse-sep.js";
import type { SepsConfig } from "../config.js";
import { error, matchAllowed, quote, warning, type Finding, type SepFacts } from "../finding.js";

const FILE_NAME = /^(\d+)-([A-Za-z0-9._-]*[A-Za-z0-9][A-Za-z0-9._-]*)\.md$/;

function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** True when the SEP's Status allows placeholders (`0000-` file, `SEP-0000`/`SEP-DRAFT` title). */
export function allowsPlaceholder(sep: ParsedSep, config: SepsConfig): boolean {
  const status = sep.fields.find((f) => f.canonicalName === "Status");
  if (!status) return false;
  const hit = matchAllowed(status.value, config.placeholderStatuses);
  return hit !== null;
}

/**
 * File name `seps/{N}-{slug}.md` and H1 `# SEP-{N}: {Title}`, where N is the PR number (offline:
 * the number in the file name). `0000` and `SEP-DRAFT` are placeholders allowed while Draft.
 */
export function checkNaming(sep: ParsedSep, facts: SepFacts, config: SepsConfig): Finding[] {
  const found: Finding[] = [];
  const placeholderOk = allowsPlaceholder(sep, config);
  const name = fileNameOf(facts.path);
  const m = FILE_NAME.exec(name);
  const expected = facts.prNumber;
  const example = `${config.path}${expected ?? "{N}"}-short-title.md`;
  let fileNumber: number | null = null;
  if (!m) {
    found.push(error("file-name", 1, `The file name ${quote(name)} must be \`${example}\`: the SEP number (the PR number), a hyphen, a lower-case slug.`));
  } else {
    fileNumber = Number(m[1]);
    if (fileNumber === 0) {
      if (placeholderOk) {
        found.push(warning("file-name", 1, `The placeholder file name ${quote(name)} is allowed while Draft; rename it to \`${example}\`.`));
      } else {
        found.push(error("file-name", 1, `The placeholder file name ${quote(name)} is only allowed while the Status is ${config.placeholderStatuses.join(", ")}; rename it to \`${example}\`.`));
      }
    } else if (expected !== undefined && fileNumber !== expected) {
      found.push(error("file-name", 1, `The file is numbered ${fileNumber} but this is PR #${expected}: name it \`${example}\`.`));
    }
  }
  const wanted = expected ?? (fileNumber && fileNumber > 0 ? fileNumber : undefined);
  found.push(...checkTitle(sep, wanted, placeholderOk));
  return found;
}

function checkTitle(sep: ParsedSep, wanted: number | undefined, placeholderOk: boolean): Finding[] {
  const h = sep.heading;
  const form = `\`# SEP-${wanted ?? "{N}"}: {Title}\``;
  switch (h.form) {
    case "missing":
      return [error("title", 1, `The file has no H1 title; the first line must be ${form}.`)];
    case "no-prefix":
      return [error("title", h.line, `The title ${quote(h.text)} must be written ${form}.`)];
    case "draft":
    case "no-number": {
      const what = h.form === "draft" ? "`SEP-DRAFT`" : "A title without a number";
      return placeholderOk
        ? [warning("title", h.line, `${what} is a placeholder allowed while Draft; the title must become ${form}.`)]
        : [error("title", h.line, `${what} is only allowed while Draft; write ${form}.`)];
    }
    case "space":
    case "canonical": {
      const found: Finding[] = [];
      if (h.form === "space") found.push(warning("title", h.line, `Write the title as ${form} (with a hyphen), not \`SEP ${h.number}:\`.`));
      if (h.number === 0) {
        found.push(placeholderOk
          ? warning("title", h.line, `\`SEP-0000\` is a placeholder allowed while Draft; the title must become ${form}.`)
          : error("title", h.line, `\`SEP-0000\` is only allowed while Draft; write ${form}.`));
      } else if (wanted !== undefined && h.number !== wanted) {
        found.push(error("title", h.line, `The title says SEP-${h.number} but the SEP number is ${wanted}: write ${form}.`));
      }
      if (h.text === "") found.push(error("title", h.line, `The title is empty: write ${form}.`));
      return found;
    }
  }
}
