import { z } from "zod";

// Filled in by the meetings feature; kept strict so a misspelt key is reported.
export const meetingsSection = z.strictObject({});
