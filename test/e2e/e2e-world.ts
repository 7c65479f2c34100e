import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { formBody, formLabels } from "../../sandbox/src/request-bodies.js";
import type { RequestRecord } from "../../sandbox/src/stand-in.js";

/** The e2e world: the stand-in with one community repository and a few users, and the real server. */
export const REPO = "modelcontextprotocol/modelcontextprotocol";
export const USERS = ["alice", "bob", "carol", "dana"];

export async function startWorld(): Promise<Harness> {
  return startHarness({
    seed: (s) => {
      s.control.repo(REPO, { "README.md": "# Model Context Protocol\n" });
      USERS.forEach((u) => s.control.user(u));
    },
  });
}

export function igRequest(overrides: Record<string, string> = {}) {
  return {
    labels: formLabels("interest-group"),
    body: formBody("interest-group", {
      "group-name": "Auth", tag: "auth-ig", facilitators: "@alice", "similar-groups": "None",
      differentiation: "Only about authorization.", "first-topic": "OAuth client registration.", ...overrides,
    }),
  };
}

export function wgRequest(overrides: Record<string, string> = {}) {
  return {
    labels: formLabels("working-group"),
    body: formBody("working-group", {
      "group-name": "Agents", tag: "agents-wg", facilitators: "@alice", maintainers: "@bob",
      "use-cases": "Durable agent execution.", "first-item": "#1", ...overrides,
    }),
  };
}

export const writesIn = (records: RequestRecord[]) => records.filter((r) => r.write);
export const describeRequests = (records: RequestRecord[]) => records.map((r) => `${r.method} ${r.path}${r.operation ? ` (${r.operation})` : ""} → ${r.status}`);
