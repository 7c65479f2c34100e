import { createHash } from "node:crypto";
import type { Config } from "../config-schema.js";
import { hasLabel } from "../../core/labels.js";
import type { RepoRef } from "../../core/plan.js";
import { parseRequest } from "../intake/parse-request.js";
import { formsFor } from "../intake/repo-forms.js";
import { kindFromTag, validateRequest } from "../intake/validate-request.js";

/** The description's fingerprint: the vote comment pins it, so an edit during the vote shows. */
export function hashBody(body: string): string {
  return createHash("sha256").update(body, "utf8").digest("hex");
}

/**
 * Why the request, as it reads now, fails intake's checks (only those that need no look-up: the
 * form, the fields, the tag's shape); empty when it passes. The tally reads this, so a request
 * edited during its vote into one intake would refuse is not approved, whatever intake has labelled
 * yet (intake runs on the same edit, side by side). The kind comes from the labels, else the tag,
 * as intake reads it.
 */
export function checkIntake(body: string, labels: readonly string[], config: Config, repo: RepoRef): string[] {
  const names = config.intake.labels;
  const ig = hasLabel(labels, names.interestGroup);
  const wg = hasLabel(labels, names.workingGroup);
  // The repository's forms as intake last read them (no read of their own), else the bundled ones.
  const forms = formsFor(repo);
  const kind = ig !== wg ? (ig ? "ig" : "wg") : kindFromTag(parseRequest(body, "wg", forms.wg).fields.tag);
  if (!kind) return ["the request names no group kind (no Working Group or Interest Group label, and no `-wg` or `-ig` tag)"];
  const problems = validateRequest(parseRequest(body, kind, forms[kind]), body.length, { repo, users: {}, takenTags: {} });
  return problems.map((p) => `${p.field}: ${p.message}`);
}
