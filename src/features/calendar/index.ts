import { defineFeature, type Feature } from "../../core/feature.js";
import type { CalendarCache } from "./cache.js";
import { calendarRoute, createCalendarCache, invalidateCalendar, parseCalendarRepos } from "./routes.js";

/**
 * The iCalendar feed of every meeting in `CALENDAR_REPOS`. It writes nothing to GitHub: it serves
 * a route and keeps that route's cache in step with pushes and issue changes. The cache is built
 * with the route, which knows how to authenticate as the app; events before that have nothing to mark.
 */
export function createCalendar(): Feature {
  let cache: CalendarCache | null = null;
  return defineFeature<never>({
    name: "calendar",
    on: ["push", "issues.opened", "issues.edited", "issues.closed", "issues.reopened", "issues.deleted"],
    observe(event, payload) {
      if (cache) invalidateCalendar(cache, event, payload);
    },
    routes: [
      (app) => {
        cache = createCalendarCache(app, parseCalendarRepos(process.env.CALENDAR_REPOS));
        return calendarRoute(app, cache);
      },
    ],
  });
}
