import type { Config } from "../config-schema.js";
import { renderMarker } from "../../core/markers.js";
import { planLabels, planStickyComment, type Plan } from "../../core/plan.js";
import { renderTemplate } from "../../core/templates.js";
import { KIND_NAMES } from "./forms.js";
import { INTAKE_MARKER, type IntakeInput } from "./gather.js";
import { validateRequest, type Problem } from "./validate-request.js";

/** One sticky comment with every problem (or "ready"), and exactly one of the two state labels. */
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
  const body = renderTemplate("intake-result", {
    marker: renderMarker(INTAKE_MARKER),
    ready,
    kind: input.kind ? KIND_NAMES[input.kind] : "group",
    count: problems.length,
    plural: problems.length === 1 ? "" : "s",
    problems,
    readyLabel: labels.ready,
  });
  const reason = ready ? "the request passes every check" : `the request has ${problems.length} problem(s)`;
  return [
    ...planStickyComment(input.target, INTAKE_MARKER, body, input.existing, reason),
    ...planLabels(input.target, input.labels, [ready ? labels.ready : labels.needsChanges], [labels.ready, labels.needsChanges], reason),
  ];
}
