import { z } from "zod";

// Filled in by the seps feature; kept strict so a misspelt key is reported.
export const sepsSection = z.strictObject({});
