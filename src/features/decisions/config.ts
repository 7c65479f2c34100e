import { z } from "zod";

// Filled in by the decisions feature; kept strict so a misspelt key is reported.
export const decisionsSection = z.strictObject({});
