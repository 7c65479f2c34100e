import { isDefaultBranchPush } from "../../core/events.js";
import { defineFeature } from "../../core/feature.js";
import { decideMeetings } from "./decide.js";
import { gatherMeetings, type MeetingsInput } from "./gather.js";
import { meetingsSweep } from "./sweep-job.js";

/**
 * Meetings: agenda files pushed to the default branch open and keep one `[notes]` issue per meeting;
 * pull requests touching them get a `Meeting agenda` check run; the sweep repairs drift.
 */
export const meetings = defineFeature<MeetingsInput>({
  name: "meetings",
  on: ["push", "pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
  accepts: (event, payload) => event !== "push" || isDefaultBranchPush(payload),
  gather: gatherMeetings,
  decide: decideMeetings,
  sweep: meetingsSweep,
});
