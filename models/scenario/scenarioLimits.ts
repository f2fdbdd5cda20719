// Size limits of scenario text, in a module of their own so that code needing only the numbers (the IPC contract in
// the sandboxed preload, request schemas) does not pull in the parser and mathjs. The numbers are declared once, in
// models/text/inputLimits.ts (no imports either).
import { INPUT_LIMITS } from '../text/inputLimits';

/** Largest scenario text accepted (characters). */
export const MAX_SCENARIO_TEXT = INPUT_LIMITS.scenarioTextChars;
