import type { Config } from "../config-schema.js";
import { renderMarker } from "../../core/markers.js";
import { planLabels, planStickyComment, type Plan } from "../../core/plan.js";
import { renderTemplate } from "../../core/templates.js";
import { KIND_NAMES } from "./forms.js";
import { INTAKE_MARKER, type IntakeInput } from "./gather.js";
import { claimableTag, validateRequest, type Problem } from "./validate-request.js";
import { claimLabel, claimLabelsOf, MAX_LABEL_LENGTH } from "./tag-claims.js";

/**
 * Problems listed in the comment. A hostile body can hold thousands (one per unknown `###`
 * heading); the comment must stay far below GitHub's 65,536-character limit and readable.
 */
export const MAX_PROBLEMS_LISTED = 25;

/**
 * One sticky comment with every problem (or "ready"), exactly one of the two state labels, and the
 * label recording the tag the request claims (none when it asks for no valid tag). The comment's
 * marker records the claim too, so the sweep can tell a claim label that a failed write left out.
 */
export function decideIntake(input: IntakeInput, config: Config): Plan {
  const { labels } = config.intake;
  const problems: Problem[] = input.request
    ? validateRequest(input.request, input.bodyLength, input.facts)
    : [
        {
          field: "Request",
          message: `Convener cannot tell whether this asks for an Interest Group or a Working Group: add the label \`${labels.interestGroup}\` or \`${labels.workingGroup}\`, or give a channel tag ending in \`-ig\` or \`-wg\`.`,
        },
      ];
  const ready = problems.length === 0;
  const claim = claimOf(input, config);
  const body = renderTemplate("intake-result", {
    marker: renderMarker(INTAKE_MARKER, { claim }),
    ready,
    kind: input.kind ? KIND_NAMES[input.kind] : "group",
    count: problems.length,
    plural: problems.length === 1 ? "" : "s",
    problems: problems.slice(0, MAX_PROBLEMS_LISTED),
    hidden: Math.max(0, problems.length - MAX_PROBLEMS_LISTED),
    readyLabel: labels.ready,
  });
  const reason = ready ? "the request passes every check" : `the request has ${problems.length} problem(s)`;
  return [
    ...planStickyComment(input.target, INTAKE_MARKER, body, input.existing, reason),
    // One label write for both: the state label and the claim (a changed tag swaps its claim label).
    ...planLabels(
      input.target,
      input.labels,
      [ready ? labels.ready : labels.needsChanges, ...(claim === null ? [] : [claimLabel(labels.claimPrefix, claim)])],
      [labels.ready, labels.needsChanges, ...claimLabelsOf(input.labels, labels.claimPrefix)],
      claim === null ? reason : `${reason}; it claims the tag ${claim}`,
    ),
  ];
}

function claimOf(input: IntakeInput, config: Config): string | null {
  const tag = claimableTag(input.request);
  return tag !== null && claimLabel(config.intake.labels.claimPrefix, tag).length <= MAX_LABEL_LENGTH ? tag : null;
}
