import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { startHarness, type Harness } from "../../sandbox/src/harness.js";
import { PEOPLE, REPO, seedCommunity } from "../../sandbox/src/demo/community.js";
import { storySteps } from "../../sandbox/src/demo/story.js";
import { formLabels } from "../../sandbox/src/request-bodies.js";
import { runExportCli } from "../../src/cli/export-page.js";
import { renderMarker } from "../../src/core/markers.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(import.meta.dirname ?? process.cwd(), "..", "..", "test-artifacts");

/**
 * The governance page over the demo's world: the demo's community, then its story up to a running
 * vote and the Transports WG's next agenda (the time jump that closes the vote is left out), served
 * by the real server. Checked over HTTP (hostile titles escaped), then in Debian's Chromium through
 * playwright-core (content, axe-core, a screenshot in test-artifacts/).
 */
describe("the governance page, end to end", () => {
  let h: Harness;
  let base = "";
  let browser: BrowserContext | undefined;
  let profile = "";
  let proposalDeadline = "";

  beforeAll(async () => {
    h = await startHarness({ seed: seedCommunity });
    base = `http://127.0.0.1:${h.app.port}`;
    const memo: Record<string, number> = {};
    const steps = storySteps();
    const wanted = [...steps.slice(0, 5), ...steps.filter((s) => s.says.includes("Transports WG's next agenda"))];
    for (const step of wanted) {
      await step.act(h, memo);
      await h.standIn.settle(400, 60_000);
    }
    // An open WG proposal as the consensus feature leaves it: its label, and the app's marker with the deadline.
    const proposal = h.standIn.control.seedIssue(REPO, PEOPLE.facilitator, "Adopt the resumption design", "", ["consensus/pending", "transports-wg"]);
    proposalDeadline = new Date(Date.parse(h.standIn.state.now()) + 5 * 86_400_000).toISOString();
    const marker = renderMarker("consensus", { deadline: proposalDeadline, size: "significant", state: "pending" });
    h.standIn.changes.addComment(h.standIn.control.repoOf(REPO), proposal, h.standIn.state.app.botLogin, `${marker}\nLazy consensus is open.`, true);
    // A hostile title: markup and a script must reach the page as text.
    h.standIn.control.as(PEOPLE.others[0]!, REPO).openIssue(`<script>alert("x")</script><img src=x onerror=alert(1)>`, "Hostile.", formLabels("interest-group"));
    await h.standIn.settle(400, 60_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await h?.stop();
  });

  test("served over HTTP: every section, escaped, cached between requests", async () => {
    const res = await fetch(`${base}/convener/${REPO}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    for (const heading of ["Groups", "Open votes", "Group requests", "Working Group proposals", "Upcoming meetings (next 4 weeks)", "SEPs by Working Group", "Open retirement reviews"]) {
      expect(html).toContain(`>${heading}</h3>`);
    }
    expect(html).toContain("transports-wg");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    const proposals = html.slice(html.indexOf(">Working Group proposals</h3>"), html.indexOf(">Upcoming meetings"));
    expect(proposals).toContain("Adopt the resumption design");
    expect(proposals).toContain(`<time datetime="${proposalDeadline}">`);
    expect(proposals).toContain("<td>significant</td><td>pending</td>");

    const index = await fetch(`${base}/convener/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain(`href="/convener/${REPO}/"`);
    expect((await fetch(`${base}/convener/someone/else/`)).status).toBe(404);

    // Cached: a second request reads nothing from GitHub.
    const from = h.standIn.requests.length;
    expect((await fetch(`${base}/convener/${REPO}/`)).status).toBe(200);
    expect(h.standIn.requestsSince(from)).toEqual([]);
  });

  test("convener export-page writes the same page as static files, linked relatively", async () => {
    const out = mkdtempSync(join(tmpdir(), "convener-export-"));
    try {
      let printed = "";
      const env = { APP_ID: String(h.appId), PRIVATE_KEY: h.privateKey, APP_SLUG: "convener", GHE_HOST: h.standIn.host, GHE_PROTOCOL: "http" };
      const code = await runExportCli(["--out", out, "--feed-base", "https://convener.example.org"], { env, write: (t) => void (printed += t) });
      expect({ code, printed }).toEqual({ code: 0, printed: `wrote the governance page of 1 community to ${out}\n` });
      const index = readFileSync(join(out, "index.html"), "utf8");
      expect(index).toContain(`href="${REPO}/"`);
      const page = readFileSync(join(out, REPO, "index.html"), "utf8");
      expect(page).toContain(`<a href="../../">All communities</a>`);
      expect(page).toContain("[WG request] Streaming");
      expect(page).toContain(`href="https://convener.example.org/convener/calendar/transports-wg.ics"`);
      expect(page).not.toContain("<script>");
      expect((await runExportCli([], { env, write: () => undefined }))).toBe(2); // --out is required
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test("in Chromium: a group, the running vote and its deadline, a meeting in local time and UTC, a SEP under its WG; no serious axe violation", async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    profile = mkdtempSync(join(tmpdir(), "convener-chromium-"));
    // A fresh profile (playwright passes it as --user-data-dir); never a browser download.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      bypassCSP: true, // the page's CSP forbids every script: axe is injected by the test only
      viewport: { width: 1280, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = await browser.newPage();
    const response = await page.goto(`${base}/convener/${REPO}/`);
    expect(response?.status()).toBe(200);

    const groups = page.locator("section table").first();
    await expect(groups.locator("th[scope=row]", { hasText: "Transports" }).count()).resolves.toBe(1);

    const votes = page.locator("h3:has-text('Open votes') + div table");
    const voteRow = votes.locator("tbody tr").first();
    await expect(voteRow.textContent()).resolves.toContain("[WG request] Streaming");
    await expect(voteRow.locator("time").getAttribute("datetime")).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expect(voteRow.textContent()).resolves.toMatch(/left/);
    await expect(voteRow.textContent()).resolves.toContain("2 of 3"); // two moderators voted; a non-moderator's ballot does not count

    const meetings = page.locator("h3:has-text('Upcoming meetings') + div table");
    const meeting = await meetings.locator("tbody tr").first().textContent();
    expect(meeting).toContain("Europe/Berlin"); // the group's own time zone
    expect(meeting).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

    const sepHeading = page.locator("h4", { hasText: "transports-wg" });
    await expect(sepHeading.count()).resolves.toBe(1);
    const sepTable = page.locator("h4:has-text('transports-wg') + div table");
    await expect(sepTable.textContent()).resolves.toContain("SEP-1500");
    await expect(sepTable.locator("a").first().getAttribute("href")).resolves.toMatch(/\/pull\/1500$/);

    // axe-core, injected from its package (no network), over the whole page.
    const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    await page.addScriptTag({ content: axeSource });
    const runAxe = () => page.evaluate(async () => {
      const g = globalThis as unknown as { document: unknown; axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } };
      return g.axe.run(g.document);
    });
    const result = await runAxe();
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
    expect(serious).toEqual([]);

    // Dark mode too: axe's contrast check under prefers-color-scheme: dark.
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await runAxe();
    expect(dark.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "governance-page.png"), fullPage: true });
    expect(existsSync(join(ARTIFACTS, "governance-page.png"))).toBe(true);
  });
});
