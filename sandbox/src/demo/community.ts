import type { StandIn } from "../stand-in.js";

/**
 * A small sample community for the demo and the bench, written for them (fictional people): two
 * Working Groups and one Interest Group with charters in MCP's format, the moderator and maintainer
 * teams Convener's default config names, one merged SEP, and a `.github/convener.yml` that keeps
 * the defaults (the MCP rules).
 */
export const ORG = "modelcontextprotocol";
export const REPO = `${ORG}/modelcontextprotocol`;

export const PEOPLE = {
  requester: "ada",
  facilitator: "grace",
  maintainer: "linus",
  moderators: ["mona", "miguel", "mei"],
  coreMaintainers: ["kenji", "cora"],
  leadMaintainers: ["leah"],
  others: ["sam", "tove"],
};

interface CharterInput {
  title: string;
  kind: "wg" | "ig";
  tag: string;
  mission: string;
  leads: { name: string; org: string; handle: string }[];
  meeting: string;
  items?: { item: string; status: string }[];
}

export function renderCharter(c: CharterInput): string {
  const kind = c.kind === "wg" ? "Working Group" : "Interest Group";
  const person = (p: { handle: string }) => `[@${p.handle}](https://github.com/${p.handle})`;
  const lines = [
    "---",
    `title: ${c.title} Charter`,
    `description: Charter for the ${c.title} ${kind}.`,
    "---",
    "",
    "## Group Type",
    "",
    `**${kind}**`,
    "",
    "## Mission Statement",
    "",
    c.mission,
    "",
    "## Leadership",
    "",
    "| Role | Name | Organization | GitHub | Term |",
    "| ---- | ---- | ------------ | ------ | ---- |",
    ...c.leads.map((l) => `| Lead | ${l.name} | ${l.org} | ${person(l)} | Initial |`),
    "",
    "## Membership",
    "",
    "| Name | Organization | GitHub | Discord | Level |",
    "| ---- | ------------ | ------ | ------- | ----- |",
    ...c.leads.map((l) => `| ${l.name} | ${l.org} | ${person(l)} | | Lead |`),
    "",
    "## Operations",
    "",
    "| Meeting | Frequency | Duration | Purpose |",
    "| ------- | --------- | -------- | ------- |",
    `| Working Session | ${c.meeting} | 60 minutes | Design discussion and proposal review |`,
    "",
    `Discord: \`#${c.tag}\``,
    "",
  ];
  if (c.kind === "wg") {
    lines.push(
      "## Deliverables & Success Metrics",
      "",
      "### Active Work Items",
      "",
      "| Item | Status | Target Date | Champion |",
      "| ---- | ------ | ----------- | -------- |",
      ...(c.items ?? []).map((i) => `| ${i.item} | ${i.status} | | ${person(c.leads[0]!)} |`),
      "",
    );
  }
  return lines.join("\n");
}

export const SEP_FILE = "seps/1500-session-resumption.md";

export function renderSep(fields: { number: number | string; title: string; status: string; pr: string; wg?: string; sponsor?: string; sections?: string[] }): string {
  const sections = fields.sections ?? ["Abstract", "Motivation", "Specification", "Rationale", "Backward Compatibility", "Security Implications", "Reference Implementation"];
  return [
    `# SEP-${fields.number}: ${fields.title}`,
    "",
    `- **Status**: ${fields.status}`,
    "- **Type**: Standards Track",
    "- **Created**: 2026-09-01",
    `- **Author(s)**: Grace Example (@${PEOPLE.facilitator})`,
    `- **Sponsor**: ${fields.sponsor ?? `@${PEOPLE.coreMaintainers[0]}`}`,
    `- **PR**: ${fields.pr}`,
    ...(fields.wg ? [`- **Working Group**: ${fields.wg}`] : []),
    "",
    ...sections.flatMap((s) => [`## ${s}`, "", `${s} of the proposal.`, ""]),
  ].join("\n");
}

/** Seeds the stand-in (no webhooks: this is the world as it was before the story starts). */
export function seedCommunity(s: StandIn): void {
  const c = s.control;
  c.org(ORG);
  const everyone = [PEOPLE.requester, PEOPLE.facilitator, PEOPLE.maintainer, ...PEOPLE.moderators, ...PEOPLE.coreMaintainers, ...PEOPLE.leadMaintainers, ...PEOPLE.others];
  everyone.forEach((u) => c.user(u));
  c.team(ORG, "community-moderators", PEOPLE.moderators);
  c.team(ORG, "core-maintainers", PEOPLE.coreMaintainers);
  c.team(ORG, "lead-maintainers", PEOPLE.leadMaintainers);
  c.team(ORG, "maintainers", [...PEOPLE.coreMaintainers, PEOPLE.maintainer]);
  c.repo(REPO, {
    "README.md": "# Model Context Protocol (sample community for the Convener demo)\n",
    // Every default is already the MCP rules; having the file also opts the repository into the sweep.
    ".github/convener.yml": "# Convener configuration (defaults: the MCP governance rules)\ndryRun: false\n",
    "docs/community/working-groups/transports.mdx": renderCharter({
      title: "Transports", kind: "wg", tag: "transports-wg", mission: "Evolve MCP's transports: streamable HTTP, resumption and stateless operation.",
      leads: [{ name: "Grace Example", org: "Example Corp", handle: PEOPLE.facilitator }], meeting: "Bi-weekly",
      items: [{ item: "SEP-1500 session resumption", status: "In Progress" }],
    }),
    "docs/community/working-groups/agents.mdx": renderCharter({
      title: "Agents", kind: "wg", tag: "agents-wg", mission: "Make agent-backed systems interoperable over MCP.",
      leads: [{ name: "Linus Example", org: "Example Labs", handle: PEOPLE.maintainer }], meeting: "Weekly",
      items: [{ item: "Tasks stabilization", status: "In Progress" }],
    }),
    "docs/community/interest-groups/auth.mdx": renderCharter({
      title: "Auth", kind: "ig", tag: "auth-ig", mission: "Discuss authorization for MCP clients and servers.",
      leads: [{ name: "Sam Example", org: "Example Security", handle: "sam" }], meeting: "Monthly",
    }),
    [SEP_FILE]: renderSep({ number: 1500, title: "Session resumption", status: "Final", pr: "#1500", wg: "transports-wg" }),
    "meetings/README.md": "Agenda files: `meetings/<group-tag>/<YYYY-MM-DD>.md`.\n",
  });
  // #1: the issue a new Streaming WG would take on first.
  // It is tracked by the Transports WG (its label), which keeps that group active; Agents has nothing open.
  c.seedIssue(REPO, PEOPLE.facilitator, "Resumable streams for long-running tool calls", "Streams break on reconnect; we need checkpoints.", ["transports-wg"]);
}

/** `YYYY-MM-DD`, `days` from today (UTC). */
export function dayFromNow(days: number, clockOffsetMs = 0): string {
  return new Date(Date.now() + clockOffsetMs + days * 86_400_000).toISOString().slice(0, 10);
}

export function renderAgenda(tag: string, date: string, title: string, items: string[]): string {
  return [
    "---",
    `title: ${title}`,
    `date: ${date}`,
    'time: "16:00"',
    "timezone: Europe/Berlin",
    "duration: 60",
    "topic: transports",
    "facilitator: Grace Example",
    "link: https://meet.example.com/" + tag,
    "---",
    "",
    ...items.map((i) => `- ${i}`),
    "",
  ].join("\n");
}
