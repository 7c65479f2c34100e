import { describe, expect, test } from "@jest/globals";
import { countWeekly } from "../../src/features/page/gather.js";
import { escapeHtml, link, safeHref } from "../../src/features/page/html.js";
import type { GovernanceView } from "../../src/features/page/model.js";
import { describeTimeLeft, renderPage } from "../../src/features/page/render.js";

const NOW = new Date("2030-01-10T12:00:00Z");
const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(1)>`;

function view(overrides: Partial<GovernanceView> = {}): GovernanceView {
  return {
    repo: "org/community", url: "https://github.com/org/community", groups: [], requests: [], votes: [], proposals: [], meetings: [], seps: [], reviews: [], problems: [],
    ...overrides,
  };
}

const options = { now: NOW, indexHref: "/convener/", repoHref: (r: string) => `/convener/${r}/` };

describe("the governance page's rendering", () => {
  test("hostile text from GitHub is text everywhere: titles, names, tags, statuses, links", () => {
    const html = renderPage([view({
      groups: [{ name: HOSTILE, kind: "wg", tag: HOSTILE, leads: [HOSTILE], status: HOSTILE, path: HOSTILE, weekly: [0, 1], meetingFrequency: HOSTILE }],
      requests: [{ number: 1, title: HOSTILE, url: "javascript:alert(1)", kind: "Working Group", state: HOSTILE }],
      votes: [{ number: 2, title: HOSTILE, url: "https://github.com/org/community/issues/2", deadline: "2030-01-11T12:00:00Z", binding: 1, electorate: 3 }],
      proposals: [{ number: 3, title: HOSTILE, url: "https://x", pull: true, deadline: "not a date", state: HOSTILE }],
      meetings: [{ groupName: HOSTILE, tag: "a", title: HOSTILE, startUtc: "2030-01-12T15:00:00Z", localLabel: HOSTILE, utcLabel: HOSTILE, cancelled: false, feedUrl: "/convener/calendar/a.ics" }],
      seps: [{ number: null, title: HOSTILE, status: HOSTILE, workingGroup: HOSTILE, prUrl: "data:text/html,x", path: HOSTILE }],
      reviews: [{ number: 4, title: HOSTILE, url: "https://github.com/org/community/issues/4" }],
    })], options, true);
    expect(html).not.toMatch(/<script|<img|javascript:|data:text/);
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
  });

  test("a vote shows its deadline, the time left and the binding count, never who voted", () => {
    const html = renderPage([view({ votes: [{ number: 2, title: "Request", url: "https://github.com/o/r/issues/2", deadline: "2030-01-11T15:30:00Z", binding: 2, electorate: 5 }] })], options, true);
    expect(html).toContain(`<time datetime="2030-01-11T15:30:00.000Z">2030-01-11 15:30 UTC</time>`);
    expect(html).toContain("1 day 3 hours left");
    expect(html).toContain("2 of 5");
  });

  test("time left, and the weekly activity buckets", () => {
    expect(describeTimeLeft("2030-01-10T12:40:00Z", NOW)).toBe("40 minutes left");
    expect(describeTimeLeft("2030-01-10T15:05:00Z", NOW)).toBe("3 hours 5 minutes left");
    expect(describeTimeLeft("2030-01-09T00:00:00Z", NOW)).toBe("deadline passed");
    const weekly = countWeekly([NOW.getTime() - 1000, NOW.getTime() - 8 * 86_400_000, NOW.getTime() - 400 * 86_400_000], NOW);
    expect(weekly).toHaveLength(26);
    expect(weekly.slice(-2)).toEqual([1, 1]);
    expect(weekly.reduce((a, b) => a + b, 0)).toBe(2);
  });

  test("links: http(s) and the page's own relative paths only", () => {
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("//evil.example")).toBeNull();
    expect(safeHref(" javascript:alert(1)")).toBeNull();
    expect(safeHref("\tjava\nscript:alert(1)")).toBeNull();
    expect(safeHref("../../")).toBe("../../");
    expect(safeHref("https://github.com/a?b=1&c=2")).toBe("https://github.com/a?b=1&#38;c=2");
    expect(link("x", "vbscript:x")).toBe("x");
    expect(escapeHtml(`<'"&\``)).toBe("&#60;&#39;&#34;&#38;&#96;");
  });
});
