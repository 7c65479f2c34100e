import type { Config } from "../config-schema.js";
import { configSchema } from "../config-schema.js";
import { validateConfig } from "../../config/parse-config.js";
import { MAX_CONFIG_BYTES } from "../../config/read-config-text.js";
import { readYaml } from "../../core/read-yaml.js";
import type { CheckAnnotation, Plan } from "../../core/plan.js";
import { CONFIG_PATH, type ConfigCheckInput } from "./gather.js";
import { explainProblem, locateProblems, type PlacedProblem } from "./locate-problems.js";

export const CHECK_NAME = "Convener config";

/** The configuration reference: every key, its default and what it does. */
export const CONFIG_REFERENCE = "https://github.com/convener-app/convener/blob/main/README.md#configuration";

/** The same limit on aliases as the loader's (config/read-config-text.ts). */
const MAX_ALIASES = 50;

/** Every problem of the file, placed at its line and column, in maintainer language. */
export function checkConfigText(text: string): PlacedProblem[] {
  const yaml = readYaml(text, { maxAliasCount: MAX_ALIASES, what: CONFIG_PATH });
  if (!yaml.ok) return [{ key: "(file)", message: yaml.message, line: yaml.line, column: 1 }];
  const result = validateConfig(configSchema, yaml.value);
  if (result.ok) return [];
  return locateProblems(text, result.problems).map((p) => ({ ...p, message: explainProblem(p.message) }));
}

/** One `Convener config` check run on the pull request's head: each problem an annotation at its line. */
export function decideConfigCheck(input: ConfigCheckInput, _config: Config, now: Date): Plan {
  const problems = input.tooLarge
    ? [{ key: "(file)", message: `is larger than ${MAX_CONFIG_BYTES / 1024} KB; Convener does not read it`, line: 1, column: 1 }]
    : input.text === null ? [] : checkConfigText(input.text);
  const annotations: CheckAnnotation[] = problems.map((p) => ({
    path: CONFIG_PATH, start_line: p.line, end_line: p.line, annotation_level: "failure",
    title: p.key === "(file)" ? "The file" : `\`${p.key}\``,
    message: `Line ${p.line}, column ${p.column}: ${p.key === "(file)" ? "the file" : `\`${p.key}\``} ${p.message}`,
  }));
  const reference = `See the [configuration reference](${CONFIG_REFERENCE}) for every key and its default.`;
  const summary = input.text === null && !input.tooLarge
    ? `This pull request removes \`${CONFIG_PATH}\`: the organisation's \`.github\` configuration, or the defaults, apply once it is merged.`
    : problems.length === 0
      ? `\`${CONFIG_PATH}\` is valid: Convener will use it once it is merged.`
      : [`\`${CONFIG_PATH}\` has ${problems.length} problem${problems.length === 1 ? "" : "s"}; Convener keeps the current configuration until they are fixed.`, "",
          ...problems.map((p) => `- line ${p.line}, column ${p.column}: ${p.key === "(file)" ? "the file" : `\`${p.key}\``} ${p.message}`), "", reference].join("\n");
  return [{
    kind: "check.create", target: input.target, name: CHECK_NAME, headSha: input.headSha, externalId: input.deliveryId,
    conclusion: problems.length ? "failure" : "success", completedAt: now.toISOString(),
    title: problems.length ? `${problems.length} configuration problem${problems.length === 1 ? "" : "s"}` : "Configuration valid",
    summary, annotations, reason: `the pull request changes ${CONFIG_PATH}`,
  }];
}
