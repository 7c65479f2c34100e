/**
 * The page's one stylesheet: system fonts, light and dark (prefers-color-scheme), colours chosen for
 * at least 4.5:1 contrast on their background (WCAG AA), tables that scroll on a narrow screen.
 */
export const PAGE_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #0a58ca; --head: #f6f8fa; --bar: #1a7f37; --bar0: #d0d7de; --warn: #9a3412; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --accent: #6cb6ff; --head: #161b22; --bar: #3fb950; --bar0: #30363d; --warn: #fdba74; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
a { color: var(--accent); }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.muted, caption { color: var(--muted); }
caption { text-align: left; padding: 0.25rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.25rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
.chart .bar { fill: var(--bar); }
.chart .bar0 { fill: var(--bar0); }
.soon { color: var(--warn); font-weight: 600; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
footer { border-top: 1px solid var(--line); margin-top: 2rem; padding: 1rem; color: var(--muted); }
`;
