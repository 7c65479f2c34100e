import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { MAX_NOTES_ISSUES_READ } from "../../src/features/meetings/gather.js";
import { renderMarker } from "../../src/core/markers.js";
import { clearRegistryCache } from "../../src/registry/load-registry.js";
import { agendaText } from "../support/meetings-fixtures.js";
import { BOT, listNotesIssues, REPO, startMeetingsWorld } from "../support/meetings-world.js";
import type { StandInApp } from "../support/stand-in-app.js";

const AGENDA = "meetings/auth-ig/2030-03-11.md";
const NOW = new Date("2030-01-15T12:00:00Z");

/**
 * A repository with more notes issues than the app reads to find a meeting's: a new meeting's push
 * costs at most the cap's pages, and past it no notes issue is opened (one may exist among the older
 * ones); the check run on the commit says so.
 */
describe("meetings: the notes issues read to find a meeting's are capped", () => {
  let world: StandInApp;
  beforeEach(async () => {
    clearRegistryCache();
    world = await startMeetingsWorld({ clock: () => NOW });
  });
  afterEach(async () => world?.stop());

  test(`past ${MAX_NOTES_ISSUES_READ} notes issues a new meeting gets no notes issue and the check run on the commit says why`, async () => {
    const control = world.standIn.control;
    for (let i = 0; i < MAX_NOTES_ISSUES_READ + 5; i++) {
      const date = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      control.seedIssue(REPO, BOT, `[notes] Authorization meeting — ${date}`, `${renderMarker(`meeting:auth-ig/${date}`)}\nagenda`, ["notes", "auth-ig"]);
    }
    const from = world.standIn.requests.length;
    const sha = control.as("alice", REPO).push({ [AGENDA]: agendaText("2030-03-11") }, "Add an agenda");
    await world.settle();
    const pages = world.standIn.requestsSince(from).filter((r) => r.operation === "MeetingFiles");
    expect(pages).toHaveLength(MAX_NOTES_ISSUES_READ / 100);
    expect(listNotesIssues(world)).toHaveLength(MAX_NOTES_ISSUES_READ + 5);
    const runs = control.repoOf(REPO).checkRuns.filter((r) => r.head_sha === sha && r.name === "Meeting agenda");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.output.summary).toContain(`Convener read only the newest ${MAX_NOTES_ISSUES_READ} notes issues`);
    expect(runs[0]!.output.summary).toContain(AGENDA);
  }, 60_000);
});
