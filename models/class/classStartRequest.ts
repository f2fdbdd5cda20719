// What the app asks for when the teacher starts a class session on the scenario being edited (File → Start class
// session…): the scenario's text (compiled again by whoever starts the server, never trusted as compiled), the
// parameter values on screen, and the dialog's options. One schema for both ways in: the desktop app's IPC channel
// (electron/ipc/contract.ts) and the web mode's POST endpoint (node/class/classWebApi.ts).
import { z } from 'zod';
import { MAX_SCENARIO_TEXT } from '../scenario/scenarioLimits';
import { MATCHING_RULES, MAX_CLASS_ROUNDS, MAX_CLASS_STUDENTS } from './sessionEvents';

/** Parameters a request may set (a scenario has a few dozen at most). */
export const MAX_REQUEST_PARAMS = 1000;
/** Default and largest class size offered by the dialog. */
export const DEFAULT_MAX_STUDENTS = 200;

const paramId = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'not a parameter id');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const classStartRequestSchema = z.strictObject({
  scenario: z.strictObject({
    /** The scenario document (parley.scenario JSON text). */
    text: z.string().min(1, 'the scenario is empty').max(MAX_SCENARIO_TEXT, 'the scenario is too large'),
    /** Its file name, for the record (`source` in the journal and the sidecar). */
    name: z.string().min(1).max(255),
  }),
  /** Parameter values (by id); the scenario's defaults for the rest. */
  params: z
    .record(paramId, finite)
    .refine((r) => Object.keys(r).length <= MAX_REQUEST_PARAMS, 'too many parameters'),
  /** Rounds to play; null: the scenario's rounds, or 10 for a one-round game. */
  rounds: z.number().int().min(1).max(MAX_CLASS_ROUNDS).nullable(),
  matching: z.enum(MATCHING_RULES),
  /** Listen on the local network (0.0.0.0) instead of this computer only (127.0.0.1). */
  lan: z.boolean(),
  maxStudents: z.number().int().min(1).max(MAX_CLASS_STUDENTS),
});
export type ClassStartRequest = z.infer<typeof classStartRequestSchema>;

/** A session id as the journals are named (class-<12 hex>, or any id of the journal format). */
export const classSessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a session id');

/** Rounds played when the request leaves them to the scenario. */
export const defaultClassRounds = (scenarioRounds: number): number =>
  scenarioRounds > 1 ? scenarioRounds : 10;
