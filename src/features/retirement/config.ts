import { z } from "zod";

// Filled in by the retirement feature; kept strict so a misspelt key is reported.
export const retirementSection = z.strictObject({});
