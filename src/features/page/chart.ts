import { escapeHtml } from "./html.js";

/**
 * A small inline SVG bar chart of weekly activity (oldest week left). It carries its numbers as a
 * title and an accessible label, so a screen reader hears the summary rather than 26 bars.
 */
export function renderActivityChart(weekly: readonly number[], groupName: string): string {
  const width = 130;
  const height = 24;
  const bar = width / Math.max(1, weekly.length);
  const max = Math.max(1, ...weekly);
  const total = weekly.reduce((a, b) => a + b, 0);
  const label = `${groupName}: ${total} human action${total === 1 ? "" : "s"} in the last ${weekly.length} weeks, at most ${Math.max(0, ...weekly)} in one week`;
  const bars = weekly
    .map((n, i) => {
      const h = n === 0 ? 1 : Math.max(2, Math.round((n / max) * (height - 2)));
      return `<rect x="${(i * bar).toFixed(1)}" y="${height - h}" width="${(bar - 1).toFixed(1)}" height="${h}" class="${n === 0 ? "bar0" : "bar"}"/>`;
    })
    .join("");
  return `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${escapeHtml(label)}</title>${bars}</svg>`;
}
