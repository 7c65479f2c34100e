import { defineFeature } from "../../core/feature.js";
import { decideMeetings } from "./decide.js";
import { gatherMeetings, type MeetingsInput } from "./gather.js";

/** Meetings: agenda files pushed to the default branch open and keep one `[notes]` issue per meeting. */
export const meetings = defineFeature<MeetingsInput>({
  name: "meetings",
  on: ["push"],
  gather: gatherMeetings,
  decide: decideMeetings,
});
