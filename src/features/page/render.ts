import { renderActivityChart } from "./chart.js";
import { escapeHtml, link, safeHref } from "./html.js";
import type { GovernanceView, ItemRef, SepRow } from "./model.js";
import { PAGE_CSS } from "./style.js";

export interface PageOptions {
  now: Date;
  /** Links between communities' pages: `/convener/` on the server, `./` in an export. */
  indexHref: string;
  repoHref: (repo: string) => string;
  /** Where the calendar feeds are served from (the export links the server's, when known). */
  feedBase?: string;
}

const HOUR_MS = 3_600_000;

/** "2 days 3 hours left", "40 minutes left", "closed" once the deadline passed (the sweep closes it). */
export function describeTimeLeft(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  if (!Number.isFinite(ms)) return "unknown";
  if (ms <= 0) return "deadline passed";
  const days = Math.floor(ms / (24 * HOUR_MS));
  const hours = Math.floor((ms % (24 * HOUR_MS)) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / 60_000);
  const parts = days > 0 ? [plural(days, "day"), hours > 0 ? plural(hours, "hour") : ""] : hours > 0 ? [plural(hours, "hour"), plural(minutes, "minute")] : [plural(Math.max(1, minutes), "minute")];
  return `${parts.filter(Boolean).join(" ")} left`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `2027-03-15 16:00 UTC` from an ISO instant. */
function formatUtc(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC` : "unknown";
}

function time(iso: string, text: string): string {
  return Number.isFinite(Date.parse(iso)) ? `<time datetime="${escapeHtml(new Date(Date.parse(iso)).toISOString())}">${escapeHtml(text)}</time>` : escapeHtml(text);
}

function table(caption: string, headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = rows.map((cells) => `<tr><th scope="row">${cells[0]}</th>${cells.slice(1).map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<div class="scroll"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

const item = (i: ItemRef) => link(`#${i.number} ${i.title}`, i.url);

/** One community's sections; headings are unique per page (the repository name prefixes their ids). */
export function renderCommunity(view: GovernanceView, options: PageOptions, level = 2): string {
  const h = (n: number, text: string, id: string) => `<h${n} id="${escapeHtml(id)}">${escapeHtml(text)}</h${n}>`;
  const id = (s: string) => `${view.repo.replace(/[^A-Za-z0-9]+/g, "-")}-${s}`;
  const now = options.now;
  const parts: string[] = [];
  parts.push(`<section aria-labelledby="${escapeHtml(id("title"))}">`);
  parts.push(h(level, view.repo, id("title")));
  parts.push(`<p>${link("Repository on GitHub", view.url)} · ${link("This community's page", options.repoHref(view.repo))}</p>`);
  for (const p of view.problems) parts.push(`<p class="muted">${escapeHtml(p)}</p>`);

  parts.push(h(level + 1, "Groups", id("groups")));
  parts.push(
    table(
      "Working and Interest Groups from the registry; activity is human comments and new items on the group's tagged issues and pull requests, per week over 26 weeks",
      ["Group", "Kind", "Tag", "Leads", "Meets", "Status", "Last human activity", "Weekly activity"],
      view.groups.map((g) => [
        link(g.name, `${view.url}/blob/HEAD/${g.path.split("/").map(encodeURIComponent).join("/")}`),
        g.kind === "wg" ? "Working Group" : "Interest Group",
        `<code>${escapeHtml(g.tag)}</code>`,
        escapeHtml(g.leads.join(", ") || "none listed"),
        escapeHtml(g.meetingFrequency ?? "not stated"),
        escapeHtml(g.status),
        g.lastHumanActivity ? time(g.lastHumanActivity, g.lastHumanActivity.slice(0, 10)) : `<span class="muted">none read</span>`,
        renderActivityChart(g.weekly, g.name),
      ]),
      "No groups in the registry.",
    ),
  );

  parts.push(h(level + 1, "Open votes", id("votes")));
  parts.push(
    table(
      "Votes running now; ballots are counted, not named, until the result",
      ["Request", "Deadline", "Time left", "Binding ballots so far"],
      [...view.votes].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline)).map((v) => {
        const left = describeTimeLeft(v.deadline, now);
        const soon = Date.parse(v.deadline) - now.getTime() < 24 * HOUR_MS;
        return [item(v), time(v.deadline, formatUtc(v.deadline)), soon ? `<span class="soon">${escapeHtml(left)}</span>` : escapeHtml(left), escapeHtml(`${v.binding} of ${v.electorate}`)];
      }),
      "No vote is open.",
    ),
  );

  parts.push(h(level + 1, "Group requests", id("requests")));
  parts.push(table("Open requests to create a group", ["Request", "Kind", "State"], view.requests.map((r) => [item(r), escapeHtml(r.kind), escapeHtml(r.state)]), "No open group request."));

  parts.push(h(level + 1, "Working Group proposals", id("proposals")));
  parts.push(
    table(
      "Proposals under lazy consensus",
      ["Proposal", "Kind", "Size", "State", "Deadline", "Time left"],
      view.proposals.map((p) => [
        item(p), p.pull ? "pull request" : "issue", escapeHtml(p.size ?? "—"), escapeHtml(p.state ?? "pending"),
        p.deadline ? time(p.deadline, formatUtc(p.deadline)) : "—", p.deadline ? escapeHtml(describeTimeLeft(p.deadline, now)) : "—",
      ]),
      "No open proposal.",
    ),
  );

  parts.push(h(level + 1, "Upcoming meetings (next 4 weeks)", id("meetings")));
  const feedBase = options.feedBase ?? "";
  parts.push(
    table(
      "Meetings in the group's own time zone and in UTC",
      ["Meeting", "Group", "Local time", "UTC", "Notes", "Calendar"],
      view.meetings.map((m) => [
        escapeHtml(m.title) + (m.cancelled ? ` <span class="soon">(cancelled)</span>` : ""),
        escapeHtml(m.groupName),
        time(m.startUtc, m.localLabel),
        time(m.startUtc, m.utcLabel),
        m.notesUrl ? link("notes issue", m.notesUrl) : `<span class="muted">not opened yet</span>`,
        link("feed (.ics)", `${feedBase}${m.feedUrl}`),
      ]),
      "No meeting in the next 4 weeks.",
    ),
  );

  parts.push(h(level + 1, "SEPs by Working Group", id("seps")));
  parts.push(renderSeps(view.seps, level + 2, id));

  parts.push(h(level + 1, "Open retirement reviews", id("reviews")));
  parts.push(table("Groups under review for retirement", ["Review"], view.reviews.map((r) => [item(r)]), "No open retirement review."));
  parts.push("</section>");
  return parts.join("\n");
}

const STATUS_ORDER = ["draft", "in-review", "accepted", "final", "rejected", "withdrawn", "superseded", "dormant"];

function renderSeps(seps: readonly SepRow[], level: number, id: (s: string) => string): string {
  if (seps.length === 0) return `<p class="muted">No SEP files.</p>`;
  const byWg = new Map<string, SepRow[]>();
  for (const s of seps) byWg.set(s.workingGroup ?? "", [...(byWg.get(s.workingGroup ?? "") ?? []), s]);
  const order = (status: string) => {
    const i = STATUS_ORDER.indexOf(status.toLowerCase().replace(/\s+/g, "-"));
    return i < 0 ? STATUS_ORDER.length : i;
  };
  return [...byWg.entries()]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))
    .map(([wg, rows], n) => {
      const title = wg === "" ? "No owning Working Group" : wg;
      const sorted = [...rows].sort((a, b) => order(a.status) - order(b.status) || (a.number ?? 1e9) - (b.number ?? 1e9));
      return `<h${level} id="${escapeHtml(id(`seps-${n}`))}">${escapeHtml(title)}</h${level}>\n${table(
        `SEPs owned by ${title}, by status`,
        ["SEP", "Title", "Status", "Pull request"],
        sorted.map((s) => [escapeHtml(s.number !== null ? `SEP-${s.number}` : s.path), escapeHtml(s.title), escapeHtml(s.status), s.prUrl ? link("pull request", s.prUrl) : "—"]),
        "",
      )}`;
    })
    .join("\n");
}

/** The whole document: one community, or every one with a contents list. */
export function renderPage(views: readonly GovernanceView[], options: PageOptions, single: boolean): string {
  const title = single && views[0] ? `Governance: ${views[0].repo}` : "Governance of every community";
  const nav = single
    ? `<nav aria-label="Pages"><ul><li>${link("All communities", options.indexHref)}</li></ul></nav>`
    : `<nav aria-label="Communities"><ul>${views.map((v) => `<li><a href="${safeHref(options.repoHref(v.repo)) ?? "#"}">${escapeHtml(v.repo)}</a></li>`).join("")}</ul></nav>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Public data only, read from GitHub by Convener. As of ${time(options.now.toISOString(), formatUtc(options.now.toISOString()))}.</p>
${nav}
</header>
<main>
${views.length === 0 ? `<p>No community is configured yet.</p>` : views.map((v) => renderCommunity(v, options, single ? 2 : 2)).join("\n")}
</main>
<footer><p>Served by Convener. Times are shown in each meeting's own time zone and in UTC.</p></footer>
</body>
</html>
`;
}
