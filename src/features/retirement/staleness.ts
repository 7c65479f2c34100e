import type { GroupKind, GroupStatus } from "../../registry/types.js";
import { latestActivity, type Activity, type TrackedItem } from "./activity.js";

/** One group as the sweep sees it: registry facts plus the activity read for it. */
export interface GroupActivity {
  name: string;
  tag: string;
  kind: GroupKind;
  status: GroupStatus;
  /** GitHub handles of its leads, from the charter. */
  leads: string[];
  /** Tracked items that were read (labelled with the tag, or named in the charter). */
  items: TrackedItem[];
  /** Open tracked items, counted by GitHub (may exceed the open items read). */
  openCount: number;
  /** Tracked items that exist but were not read (beyond the page size). */
  unreadItems: number;
  /** Open review issues of the app whose candidate label a person removed: still the group's review. */
  openReviews?: number[];
}

export interface Staleness {
  lastHuman: Activity | null;
  idleDays: number | null;
  staleByTime: boolean;
  nothingOpen: boolean;
  stale: boolean;
}

const DAY = 86_400_000;

/** Stale: no human activity for `staleDays`, or nothing left open (the group finished its work). */
export function measureStaleness(group: GroupActivity, staleDays: number, now: Date): Staleness {
  const lastHuman = latestActivity(group.items.map((i) => i.lastHuman));
  const idleMs = lastHuman ? now.getTime() - Date.parse(lastHuman.at) : null;
  const staleByTime = idleMs === null || idleMs >= staleDays * DAY;
  const nothingOpen = group.openCount === 0;
  return {
    lastHuman,
    idleDays: idleMs === null ? null : Math.floor(idleMs / DAY),
    staleByTime,
    nothingOpen,
    stale: staleByTime || nothingOpen,
  };
}
