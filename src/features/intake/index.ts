import { defineFeature } from "../../core/feature.js";
export const intake = defineFeature<null>({ name: "intake", on: [], gather: async () => null, decide: () => [] });
