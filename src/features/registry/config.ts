import { z } from "zod";

// Filled in by the registry feature; kept strict so a misspelt key is reported.
export const registrySection = z.strictObject({});
