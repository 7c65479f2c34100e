/**
 * The app's one source of "now". Handlers and sweeps take it by injection, so a test fixes the date
 * and the code never depends on the day it runs; where GitHub records when something happened (a
 * comment's `created_at`), that timestamp is used instead of the clock.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
