import { defineFeature } from "../../core/feature.js";
import { decideSepLink } from "./decide.js";
import { gatherSepLink, type SepLinkInput } from "./gather.js";

export { isLinkedTo, linkedSearchQualifier } from "./linked-work.js";

/** SEP ↔ WG link: a SEP pull request carries its owning Working Group's tag label and one comment naming the group. */
export const sepLink = defineFeature<SepLinkInput>({
  name: "sep-link",
  on: ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.edited"],
  gather: gatherSepLink,
  decide: decideSepLink,
});
