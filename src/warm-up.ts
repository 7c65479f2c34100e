import { parseCommands } from "./core/commands.js";
import { defaultConfig } from "./features/config-schema.js";
import { decideIntake } from "./features/intake/decide.js";
import { loadForm, type RequestKind } from "./features/intake/forms.js";
import { parseRequest } from "./features/intake/parse-request.js";
import { parseAgenda } from "./features/meetings/parse-agenda.js";
import { parseSep } from "./features/seps/parse-sep.js";
import { validateSep } from "./features/seps/validate-sep.js";
import { parseCharter } from "./registry/parse-charter.js";

const SAMPLE_SEP = `# SEP-0000: Warm-up

- **Status**: Draft
- **Type**: Standards Track
- **Created**: 2026-01-01
- **Author(s)**: Some One (@someone)
- **Sponsor**: @someone
- **Working Group**: transports-wg
- **PR**: #0

## Abstract

A sample the server parses once at start.

## Motivation

None.

## Specification

None.

## Rationale

None.

## Backward Compatibility

None.

## Security Implications

None.

## Reference Implementation

None.
`;

const SAMPLE_CHARTER = `---
title: Warm-up Charter
---

## Group Type

**Working Group**

## Mission Statement

A sample the server parses once at start.

## Leadership

| Role | Name | GitHub |
| --- | --- | --- |
| Facilitator | Some One | [@someone](https://github.com/someone) |

## Work Items

| Item | Status | Link |
| --- | --- | --- |
| Warm-up | In progress | [#1](https://github.com/warm/up/issues/1) |
`;

const SAMPLE_AGENDA = `---
title: Warm-up
date: 2026-01-01
time: "16:00"
timezone: Europe/Berlin
duration: 60
topic: warm-up
facilitator: "@someone"
---

## Agenda

- An item
`;

/**
 * Runs the hot pure paths once (a request form's body parsed and judged, a charter, a SEP, an
 * agenda, slash commands) before the server takes deliveries: the first request after a deploy would otherwise
 * pay for the parsers' lazy set-up and V8's first compilations, tens of milliseconds of CPU between
 * its read and its write. Pure and local (no GitHub); a failure here is logged by the caller and
 * changes nothing else. Returns what the samples gave, so a test can tell the happy paths ran.
 */
export function warmUp(): WarmUpResult {
  const now = new Date(Date.UTC(2026, 0, 1));
  const requestProblems: string[] = [];
  for (const kind of ["wg", "ig"] as RequestKind[]) {
    const form = loadForm(kind);
    const body = form.fields.map((f) => `### ${f.label}\n\n${f.id === "tag" ? `warm-up-${kind}` : "@someone"}`).join("\n\n");
    const request = parseRequest(body, kind, form);
    const plan = decideIntake({
      target: { owner: "warm", repo: "up", issue: 1 },
      kind, request, bodyLength: body.length, labels: [], existing: null,
      facts: { repo: { owner: "warm", repo: "up" }, users: {}, takenTags: {} },
    }, defaultConfig);
    requestProblems.push(...plan.map((action) => action.kind));
  }
  const charter = parseCharter({ path: "groups/working-groups/warm-up.md", text: SAMPLE_CHARTER, folderKind: "wg", repo: { owner: "warm", repo: "up" } });
  const sep = parseSep(SAMPLE_SEP);
  const findings = validateSep(sep, { path: "seps/0000-warm-up.md", baseStatus: null }, defaultConfig.seps, now);
  const agenda = parseAgenda(`${defaultConfig.meetings.folder}/transports-wg/2026-01-01.md`, "transports-wg", "2026-01-01", SAMPLE_AGENDA, defaultConfig.meetings.maxAgendaBytes);
  const commands = parseCommands("/vote yes\n/veto");
  return { requestActions: requestProblems, charter: charter.name, sepErrors: findings.filter((f) => f.level === "error").length, agendaOk: agenda.ok, commands: commands.length };
}

export interface WarmUpResult {
  /** The kinds of the actions the two sample requests were judged to need. */
  requestActions: string[];
  charter: string;
  sepErrors: number;
  agendaOk: boolean;
  commands: number;
}
