import type { Feature } from "../core/feature.js";
import { intake } from "./intake/index.js";
import { seps } from "./seps/index.js";
import { sepLink } from "./sep-link/index.js";
import { meetings } from "./meetings/index.js";
import { decisions } from "./decisions/index.js";
import { createHelp } from "./help/index.js";
import { createCalendar } from "./calendar/index.js";
import { retirement } from "./retirement/index.js";
import { consensus } from "./consensus/index.js";
import { createPage } from "./page/index.js";
import { configCheck } from "./config-check/index.js";

/** Every feature the app runs, in the order they handle an event. Adding a feature is one line. */
const answering: Feature[] = [intake, seps, sepLink, meetings, createCalendar(), decisions, consensus, retirement, configCheck, createPage()];

/** `/help` lists the commands of the features above (and answers unknown ones), so it comes last. */
export const features: Feature[] = [...answering, createHelp(answering)];
